import Foundation
import GatewayCore
import ProviderSigning

/// Builds, signs (HmacSHA1/HmacSHA256 query signature), sends and decodes one CRS API 2.0 call.
/// Every call is a POST with a form body — instance passwords never travel in a URL. The answer
/// is `{code, message, codeDesc, …}`: `code` 0 is success whatever the HTTP status.
struct TencentLegacyClient: Sendable {
    let account: TencentLegacyAccount
    let transport: ProviderTransport
    let redactor: Redactor
    let clock: @Sendable () -> Date
    let nonce: @Sendable () -> Int
    let userAgent: String

    static let path = "/v2/index.php"

    var hostHeader: String {
        let host = account.endpoint.host ?? ""
        if let port = account.endpoint.port { return "\(host):\(port)" }
        return host
    }

    func buildRequest(_ action: String, _ parameters: [(String, String)]) -> ProviderHTTPRequest {
        let signed = TencentV2Signer.sign(
            method: "POST", host: hostHeader, path: Self.path,
            parameters: parameters + [("Action", action), ("Region", account.region)],
            credentials: account.credentials, timestamp: Int(clock().timeIntervalSince1970), nonce: nonce(),
            signatureMethod: account.signatureMethod
        )
        var base = account.endpoint.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return ProviderHTTPRequest(
            method: "POST", url: base + Self.path,
            headers: [("Host", hostHeader), ("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", userAgent)],
            body: Array(signed.formEncoded.utf8)
        )
    }

    /// Calls `action`; returns the whole answer object (the payload sits in `data` or beside `code`).
    /// Goes through the account's call policy (rate limit, safe retries): each attempt is
    /// signed afresh with a new nonce; only `writeActions` count as writes.
    func call(
        _ action: String, _ parameters: [(String, String)], context: CallContext, secrets: [String] = []
    ) async throws(GatewayError) -> [String: Any] {
        let redactor = redactor.adding(secrets)
        let answer = try await caller.perform(
            action: action, isWrite: Self.writeActions.contains(action), deadline: context.deadline,
            build: { () throws(GatewayError) in buildRequest(action, parameters) },
            decode: { (response) throws(GatewayError) in try decode(response, action: action, redactor: redactor) }
        )
        return answer.value
    }

    /// The actions that change provider state: retried only when they provably did not execute.
    static let writeActions: Set<String> = ["ManualBackupInstance", "RestoreInstance"]

    /// This account's calls under its policy; one attempt lasts at most `requestTimeout`.
    var caller: ProviderCaller {
        ProviderCaller(
            provider: .tencentLegacy, account: account.name, transport: transport, policy: account.callPolicy,
            signingClock: clock, attemptTimeout: account.requestTimeout
        )
    }

    /// `[String: Any]` in a Sendable box, so it can cross the typed-throws boundary.
    struct Answer: @unchecked Sendable { let value: [String: Any] }

    func decode(_ response: ProviderHTTPResponse, action: String, redactor: Redactor) throws(GatewayError) -> Answer {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any],
              let code = (object["code"] as? NSNumber)?.intValue ?? (object["code"] as? String).flatMap(Int.init)
        else {
            var failure = GatewayError(
                response.status >= 500 ? .providerUnavailable : .providerError,
                reason: response.status == 200 ? "PROVIDER_RESPONSE_MALFORMED" : "PROVIDER_HTTP_STATUS",
                detail: "Tencent Cloud (API 2.0) answered \(action) with HTTP \(response.status) and no readable answer.",
                provider: ProviderErrorInfo(name: ProviderKind.tencentLegacy.rawValue, httpStatus: response.status)
            )
            failure.outcomeUnknown = true
            throw failure
        }
        guard code != 0 else { return Answer(value: object) }
        let message = object["message"] as? String
        let resolved = TencentLegacyErrorTable.resolve(code: code, message: message, codeDesc: object["codeDesc"] as? String)
        var mapped = TencentLegacyErrorTable.table.error(
            providerCode: resolved, message: message, requestId: nil, httpStatus: response.status, redactor: redactor
        )
        mapped.outcomeUnknown = response.status >= 500
        if let refined = TencentLegacyErrorTable.refinedReason(code: resolved, message: message) {
            mapped.reason = refined
        }
        throw mapped
    }
}
