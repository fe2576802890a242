import Foundation
import GatewayCore
import ProviderSigning

/// Builds, signs (ACS3-HMAC-SHA256 or RPC v1, per account), sends and decodes one R-KVStore
/// action call. Like the official SDKs, every business parameter travels in the query string
/// with an empty body. Errors come as HTTP 4xx/5xx with `{"Code", "Message", "RequestId"}`.
struct AlibabaClient: Sendable {
    let account: AlibabaAccount
    let transport: ProviderTransport
    let redactor: Redactor
    let clock: @Sendable () -> Date
    let nonce: @Sendable () -> String
    let userAgent: String

    /// The `host` header: the endpoint's host, with `:port` only when the endpoint names one.
    var hostHeader: String {
        let host = account.endpoint.host ?? ""
        if let port = account.endpoint.port { return "\(host):\(port)" }
        return host
    }

    private var baseURL: String {
        var base = account.endpoint.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/"
    }

    /// The signed request for `action` with business `parameters`, at the clock's current second.
    func buildRequest(_ action: String, _ parameters: [(String, String)], method: String = "POST") -> ProviderHTTPRequest {
        let now = clock()
        let nonce = nonce()
        switch account.signatureVersion {
        case .acs3:
            let signed = ACS3Signer.sign(
                .init(
                    method: method, host: hostHeader, query: parameters,
                    headers: ["accept": "application/json"], body: [], action: action, version: AlibabaAPI.version
                ),
                credentials: account.credentials, date: now, nonce: nonce
            )
            var headers = signed.headers.filter { $0.name.lowercased() != "host" }
            headers.insert(("Host", hostHeader), at: 0)
            headers.append(("User-Agent", userAgent))
            return ProviderHTTPRequest(
                method: method, url: baseURL + (signed.queryString.isEmpty ? "" : "?" + signed.queryString),
                headers: headers, body: []
            )
        case .v1:
            let signed = AlibabaRPCSigner.sign(
                .init(method: method, action: action, version: AlibabaAPI.version, parameters: parameters, format: "JSON"),
                credentials: account.credentials, timestamp: now, nonce: nonce
            )
            return ProviderHTTPRequest(
                method: method, url: baseURL + "?" + signed.queryString,
                headers: [("Host", hostHeader), ("Accept", "application/json"), ("User-Agent", userAgent)], body: []
            )
        }
    }

    /// Calls `action` and decodes `Payload`; errors are mapped through the Alibaba error table.
    /// Goes through the account's call policy (rate limit, safe retries, `x-acs-retry-after`):
    /// each attempt is signed afresh with a new nonce; only `writeActions` count as writes.
    func call<Payload: Decodable>(
        _ action: String, _ parameters: [(String, String)], method: String = "POST",
        as _: Payload.Type, context: CallContext
    ) async throws(GatewayError) -> (payload: Payload, requestId: String?) {
        try await caller.perform(
            action: action, isWrite: Self.writeActions.contains(action), deadline: context.deadline,
            build: { () throws(GatewayError) in buildRequest(action, parameters, method: method) },
            decode: { (response) throws(GatewayError) in try decode(response, action: action, as: Payload.self) }
        )
    }

    /// The actions that change provider state: retried only when they provably did not execute.
    static let writeActions: Set<String> = ["CreateBackup", "RestoreInstance"]

    /// This account's calls under its policy; one attempt lasts at most `requestTimeout`.
    var caller: ProviderCaller {
        ProviderCaller(
            provider: .alibaba, account: account.name, transport: transport, policy: account.callPolicy,
            signingClock: clock, attemptTimeout: account.requestTimeout
        )
    }

    func decode<Payload: Decodable>(
        _ response: ProviderHTTPResponse, action: String, as _: Payload.Type
    ) throws(GatewayError) -> (payload: Payload, requestId: String?) {
        let decoder = JSONDecoder()
        let body = Data(response.body)
        guard response.status == 200 else {
            if let error = try? decoder.decode(AlibabaAPI.ErrorBody.self, from: body), let code = error.Code {
                var mapped = AlibabaErrorTable.table.error(
                    providerCode: code, message: error.Message, requestId: error.RequestId,
                    httpStatus: response.status, redactor: redactor
                )
                // A server-side failure may come after the action started: a write is reconciled, not repeated.
                mapped.outcomeUnknown = response.status >= 500
                throw mapped
            }
            var failure = GatewayError(
                response.status >= 500 ? .providerUnavailable : .providerError,
                reason: "PROVIDER_HTTP_STATUS",
                detail: "Alibaba Cloud answered \(action) with HTTP \(response.status) and no readable error.",
                provider: ProviderErrorInfo(name: ProviderKind.alibaba.rawValue, httpStatus: response.status)
            )
            failure.outcomeUnknown = true
            throw failure
        }
        do {
            let payload = try decoder.decode(Payload.self, from: body)
            let requestId = (try? decoder.decode(AlibabaAPI.RequestIdProbe.self, from: body))?.RequestId
            return (payload, requestId)
        } catch {
            var failure = GatewayError(
                .providerError, reason: "PROVIDER_RESPONSE_MALFORMED",
                detail: "Alibaba Cloud's answer to \(action) could not be read.",
                provider: ProviderErrorInfo(name: ProviderKind.alibaba.rawValue, httpStatus: response.status)
            )
            failure.outcomeUnknown = true
            throw failure
        }
    }
}
