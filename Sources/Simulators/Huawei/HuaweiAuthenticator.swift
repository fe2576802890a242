import Foundation

/// API Gateway's AK/SK check (huawei.md §3, §5.2), in two steps so the caller can apply the AK
/// lockout in between: `identify` (a well-formed `Authorization`, a known AK) and `verify`
/// (`X-Sdk-Date` within ±15 minutes, the STS token, the signature). Every failure is 401
/// `APIGW.0301`.
struct HuaweiAuthenticator: Sendable {
    /// Largest accepted |server time − X-Sdk-Date|, in seconds.
    static let window: TimeInterval = 15 * 60

    var configuration: HuaweiSimulatorConfiguration

    /// The credential and the parsed `Authorization`; failures here do not count towards the
    /// AK lockout (there is no known AK to count them for).
    func identify(
        _ request: ReceivedHTTPRequest
    ) -> Result<(credential: HuaweiSimulatorCredential, authorization: HuaweiAKSKSignature.Authorization), HuaweiAPIError> {
        guard let header = request.header("Authorization"), !header.isEmpty,
              let authorization = HuaweiAKSKSignature.parseAuthorization(header),
              authorization.algorithm == HuaweiAKSKSignature.algorithm
        else { return .failure(.signatureFail) }
        guard let credential = configuration.credential(accessKey: authorization.accessKey) else {
            return .failure(.accessKeyNotFound(authorization.accessKey))
        }
        return .success((credential, authorization))
    }

    /// Date window, security token (present, equal and signed for a temporary credential;
    /// absent otherwise), then the signature over the canonical request rebuilt from what
    /// arrived.
    func verify(
        _ request: ReceivedHTTPRequest,
        credential: HuaweiSimulatorCredential,
        authorization: HuaweiAKSKSignature.Authorization,
        now: Date
    ) -> HuaweiAPIError? {
        let sdkDate = request.header("X-Sdk-Date") ?? ""
        guard let signedAt = HuaweiTime.parseSDKDate(sdkDate),
              abs(now.timeIntervalSince(signedAt)) <= Self.window
        else {
            return .signatureExpired(signatureTime: sdkDate, serverTime: HuaweiTime.sdkDate(now))
        }
        let token = request.header("X-Security-Token").flatMap { $0.isEmpty ? nil : $0 }
        if let expected = credential.securityToken {
            guard let token, authorization.signedHeaders.contains("x-security-token") else { return .signatureFail }
            guard token == expected else { return .securityTokenInvalid }
        } else if token != nil {
            return .securityTokenInvalid
        }
        let payloadHash = request.header("X-Sdk-Content-Sha256") == HuaweiAKSKSignature.unsignedPayload
            ? HuaweiAKSKSignature.unsignedPayload
            : HuaweiAKSKSignature.payloadHash(request.body)
        let canonical = HuaweiAKSKSignature.canonicalRequest(
            method: request.method,
            path: request.path,
            query: request.query,
            signedHeaders: authorization.signedHeaders,
            headerValue: { request.header($0) },
            payloadHash: payloadHash
        )
        let expected = HuaweiAKSKSignature.signature(
            stringToSign: HuaweiAKSKSignature.stringToSign(canonicalRequest: canonical, sdkDate: sdkDate),
            secretKey: credential.secretKey
        )
        guard HuaweiAKSKSignature.constantTimeEquals(expected, authorization.signature.lowercased()) else {
            return .signatureMismatch(canonicalRequest: canonical)
        }
        return nil
    }
}
