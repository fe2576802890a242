import Foundation
import GatewayCore
import ProviderSigning

/// Builds, signs (SDK-HMAC-SHA256), sends and decodes one DCS call on the account's API
/// generation. Paths are given below `/{version}/{project_id}/`. 200 and 204 are successes
/// (204 has no body: an empty list); errors come as 4xx/5xx in one of DCS's three shapes.
struct HuaweiClient: Sendable {
    let account: HuaweiAccount
    let transport: ProviderTransport
    let redactor: Redactor
    let clock: @Sendable () -> Date
    let userAgent: String

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    var hostHeader: String {
        let host = account.endpoint.host ?? ""
        if let port = account.endpoint.port { return "\(host):\(port)" }
        return host
    }

    /// `/{version}/{project_id}/` + `path`.
    func fullPath(_ path: String) -> String {
        let base = account.endpoint.path.hasSuffix("/") ? String(account.endpoint.path.dropLast()) : account.endpoint.path
        return "\(base)/\(account.apiVersion.rawValue)/\(account.projectId)/\(path)"
    }

    func buildRequest(_ method: String, _ path: String, query: [(String, String)] = [], body: (some Encodable)? = Optional<HuaweiAPI.CreateBackupBody>.none) throws(GatewayError) -> ProviderHTTPRequest {
        var bytes: [UInt8] = []
        if let body {
            do { bytes = Array(try Self.encoder.encode(body)) } catch { throw GatewayError.internal("Could not encode a DCS request body.") }
        }
        let contentType = method == "POST" ? "application/json;charset=utf-8" : "application/json"
        let signed = HuaweiAKSKSigner.sign(
            .init(
                method: method, host: hostHeader, path: fullPath(path), query: query,
                headers: ["Content-Type": contentType, "X-Project-Id": account.projectId], body: bytes
            ),
            credentials: account.credentials, date: clock()
        )
        var scheme = account.endpoint.scheme ?? "https"
        if scheme.isEmpty { scheme = "https" }
        let url = "\(scheme)://\(hostHeader)\(fullPath(path))" + (signed.queryString.isEmpty ? "" : "?" + signed.queryString)
        return ProviderHTTPRequest(method: method, url: url, headers: signed.headers + [("User-Agent", userAgent)], body: bytes)
    }

    /// Calls DCS and decodes `Payload` (nil for 204 No Content).
    func call<Payload: Decodable>(
        _ method: String, _ path: String, query: [(String, String)] = [], body: (some Encodable)? = Optional<HuaweiAPI.CreateBackupBody>.none,
        as _: Payload.Type, context: CallContext, secrets: [String] = []
    ) async throws(GatewayError) -> (payload: Payload?, requestId: String?) {
        let redactor = redactor.adding(secrets)
        return try await caller.perform(
            action: Self.actionName(method: method, path: path), isWrite: method != "GET", deadline: context.deadline,
            build: { () throws(GatewayError) in try buildRequest(method, path, query: query, body: body) },
            decode: { (response) throws(GatewayError) in
                try decode(response, call: "\(method) \(path)", as: Payload.self, redactor: redactor)
            }
        )
    }

    /// The stable name of a DCS call, for rate limits and logs (the SDK's operation names):
    /// `GET instances/{id}` → `ShowInstance`; `POST …/backups` → `CreateBackup`; `GET …/backups`
    /// → `ListBackups`; `POST …/restores` → `RestoreInstance`; `GET …/restores` → `ListRestores`;
    /// anything else: the method and the path with its ids replaced (`GET instances/{id}/tags`).
    static func actionName(method: String, path: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        switch (method, segments.count, segments.last) {
        case ("GET", 2, _) where segments.first == "instances": return "ShowInstance"
        case ("POST", 3, "backups"?): return "CreateBackup"
        case ("GET", 3, "backups"?): return "ListBackups"
        case ("POST", 3, "restores"?): return "RestoreInstance"
        case ("GET", 3, "restores"?): return "ListRestores"
        default:
            let template = segments.enumerated().map { $0.offset % 2 == 1 ? "{id}" : $0.element }
            return "\(method) " + template.joined(separator: "/")
        }
    }

    /// This account's calls under its policy; one attempt lasts at most `requestTimeout`.
    var caller: ProviderCaller {
        ProviderCaller(
            provider: .huawei, account: account.name, transport: transport, policy: account.callPolicy,
            signingClock: clock, attemptTimeout: account.requestTimeout
        )
    }

    func decode<Payload: Decodable>(
        _ response: ProviderHTTPResponse, call: String, as _: Payload.Type, redactor: Redactor
    ) throws(GatewayError) -> (payload: Payload?, requestId: String?) {
        let requestId = response.header("X-Request-Id")
        let decoder = JSONDecoder()
        let body = Data(response.body)
        switch response.status {
        case 204:
            return (nil, requestId)
        case 200..<300:
            if body.isEmpty { return (nil, requestId) }
            do {
                return (try decoder.decode(Payload.self, from: body), requestId)
            } catch {
                throw malformed(call, status: response.status)
            }
        default:
            guard let error = try? decoder.decode(HuaweiAPI.ErrorBody.self, from: body), let code = error.resolvedCode, !code.isEmpty else {
                var failure = GatewayError(
                    response.status >= 500 ? .providerUnavailable : .providerError,
                    reason: "PROVIDER_HTTP_STATUS",
                    detail: "Huawei Cloud answered \(call) with HTTP \(response.status) and no readable error.",
                    provider: ProviderErrorInfo(name: ProviderKind.huawei.rawValue, requestId: requestId, httpStatus: response.status)
                )
                failure.outcomeUnknown = true
                throw failure
            }
            var mapped = HuaweiErrorTable.table.error(
                providerCode: code, message: error.resolvedMessage, requestId: error.request_id ?? requestId,
                httpStatus: response.status, redactor: redactor
            )
            // A server-side failure may come after the action started: a write is reconciled, not repeated.
            mapped.outcomeUnknown = response.status >= 500
            // Only the gateway's own words, not the canonical request it may echo after them.
            if code.hasSuffix(".0301"), let message = error.resolvedMessage?.lowercased().components(separatedBy: ", canonicalrequest:").first,
               let refined = HuaweiErrorTable.authMessageReasons.first(where: { message.contains($0.fragment) }) {
                mapped.reason = refined.reason
            }
            throw mapped
        }
    }

    private func malformed(_ call: String, status: Int) -> GatewayError {
        var failure = GatewayError(
            .providerError, reason: "PROVIDER_RESPONSE_MALFORMED",
            detail: "Huawei Cloud's answer to \(call) could not be read.",
            provider: ProviderErrorInfo(name: ProviderKind.huawei.rawValue, httpStatus: status)
        )
        failure.outcomeUnknown = true
        return failure
    }
}
