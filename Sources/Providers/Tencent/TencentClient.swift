import Foundation
import GatewayCore
import ProviderSigning

/// Builds, signs (TC3-HMAC-SHA256), sends and decodes one Tencent API 3.0 action call.
/// API 3.0 reports errors inside HTTP 200 bodies; `Response.Error` is the only failure signal.
struct TencentClient: Sendable {
    let account: TencentAccount
    let transport: ProviderTransport
    let redactor: Redactor
    let clock: @Sendable () -> Date
    let userAgent: String

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The `Host` header: the endpoint's host, with `:port` only when the endpoint names one.
    var hostHeader: String {
        let host = account.endpoint.host ?? ""
        if let port = account.endpoint.port { return "\(host):\(port)" }
        return host
    }

    /// The signed request for `action` with `body`, at the clock's current second.
    func buildRequest(action: String, body: some Encodable) throws(GatewayError) -> ProviderHTTPRequest {
        let bytes: [UInt8]
        do {
            bytes = Array(try Self.encoder.encode(body))
        } catch {
            throw GatewayError.internal("Could not encode the \(action) request.")
        }
        let timestamp = Int(clock().timeIntervalSince1970)
        let contentType = "application/json"
        let signature = TC3Signer.sign(
            .init(method: "POST", host: hostHeader, contentType: contentType, body: bytes),
            credentials: account.credentials,
            service: TencentAPI.service,
            timestamp: timestamp
        )
        var headers: [(name: String, value: String)] = [
            ("Host", hostHeader),
            ("Content-Type", contentType),
            ("X-TC-Action", action),
            ("X-TC-Version", TencentAPI.version),
            ("X-TC-Timestamp", String(timestamp)),
            ("X-TC-Region", account.region),
            ("X-TC-Language", "en-US"),
            ("X-TC-RequestClient", userAgent),
            ("Authorization", signature.authorization),
        ]
        if let token = account.credentials.sessionToken {
            headers.append(("X-TC-Token", token))
        }
        var base = account.endpoint.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return ProviderHTTPRequest(method: "POST", url: base + "/", headers: headers, body: bytes)
    }

    /// Calls `action` and decodes `Response`. Errors are mapped through the Tencent error table;
    /// `secrets` (e.g. the instance password of this call) are redacted from anything echoed.
    /// Goes through the account's call policy (rate limit, safe retries): each attempt is
    /// signed afresh; only `writeActions` count as writes.
    func call<Payload: Decodable>(
        _ action: String, _ body: some Encodable, as _: Payload.Type, context: CallContext, secrets: [String] = []
    ) async throws(GatewayError) -> (payload: Payload, requestId: String?) {
        let redactor = redactor.adding(secrets)
        // Deadlines are wall-clock time, whatever clock signs the request.
        return try await caller.perform(
            action: action, isWrite: Self.writeActions.contains(action), deadline: context.deadline,
            build: { () throws(GatewayError) in try buildRequest(action: action, body: body) },
            decode: { (response) throws(GatewayError) in try decode(response, action: action, as: Payload.self, redactor: redactor) }
        )
    }

    /// The actions that change provider state: retried only when they provably did not execute.
    static let writeActions: Set<String> = ["ManualBackupInstance", "RestoreInstance"]

    /// This account's calls under its policy; one attempt lasts at most `requestTimeout`.
    var caller: ProviderCaller {
        ProviderCaller(
            provider: .tencent, account: account.name, transport: transport, policy: account.callPolicy,
            signingClock: clock, attemptTimeout: account.requestTimeout
        )
    }

    /// Turns an HTTP answer into the payload or the mapped error.
    func decode<Payload: Decodable>(
        _ response: ProviderHTTPResponse, action: String, as _: Payload.Type, redactor: Redactor
    ) throws(GatewayError) -> (payload: Payload, requestId: String?) {
        guard response.status == 200 else {
            var failure = GatewayError(
                response.status >= 500 ? .providerUnavailable : .providerError,
                reason: "PROVIDER_HTTP_STATUS",
                detail: "Tencent Cloud answered \(action) with HTTP \(response.status) instead of an API response.",
                provider: ProviderErrorInfo(name: ProviderKind.tencent.rawValue, httpStatus: response.status)
            )
            failure.outcomeUnknown = true
            throw failure
        }
        let decoder = JSONDecoder()
        let probe: TencentAPI.ErrorProbe
        do {
            probe = try decoder.decode(TencentAPI.ErrorProbe.self, from: Data(response.body))
        } catch {
            throw malformed(action)
        }
        guard let envelope = probe.Response else { throw malformed(action) }
        if let error = envelope.Error {
            throw TencentErrorTable.table.error(
                providerCode: error.Code ?? "Unknown",
                message: error.Message,
                requestId: envelope.RequestId,
                httpStatus: response.status,
                redactor: redactor
            )
        }
        do {
            let payload = try decoder.decode(TencentAPI.Envelope<Payload>.self, from: Data(response.body)).Response
            return (payload, envelope.RequestId)
        } catch {
            throw malformed(action)
        }
    }

    private func malformed(_ action: String) -> GatewayError {
        var failure = GatewayError(
            .providerError, reason: "PROVIDER_RESPONSE_MALFORMED",
            detail: "Tencent Cloud's answer to \(action) could not be read.",
            provider: ProviderErrorInfo(name: ProviderKind.tencent.rawValue, httpStatus: 200)
        )
        failure.outcomeUnknown = true
        return failure
    }
}
