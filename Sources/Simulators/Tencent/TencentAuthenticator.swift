import Foundation

/// Who is calling what, once the common checks passed.
struct TencentCall: Sendable {
    var secretId: String
    var action: String
    var region: String
    var language: String?
}

/// The common checks of API 3.0, in Tencent's order: Authorization, SecretId, timestamp and
/// its window, credential scope, signed headers, signature, token, version, action, region.
struct TencentAuthenticator: Sendable {
    static let version = "2018-04-12"
    static let actions: Set<String> = [
        "ManualBackupInstance", "RestoreInstance", "DescribeInstanceBackups",
        "DescribeTaskInfo", "DescribeInstances", "DescribeTaskList",
    ]

    var configuration: TencentSimulatorConfiguration

    func authenticate(_ request: ReceivedHTTPRequest, now: Date) -> Result<TencentCall, TencentAPIError> {
        guard let header = request.header("Authorization"), !header.isEmpty else {
            return .failure(.invalidAuthorization("the Authorization header is missing"))
        }
        guard let authorization = TC3Verifier.parseAuthorization(header) else {
            return .failure(.invalidAuthorization(
                "expected `TC3-HMAC-SHA256 Credential=<SecretId>/<Date>/<Service>/tc3_request, "
                    + "SignedHeaders=<headers>, Signature=<signature>`"
            ))
        }
        guard authorization.algorithm == TC3Verifier.algorithm else {
            return .failure(.invalidAuthorization("the algorithm `\(authorization.algorithm)` is not supported"))
        }
        guard let credential = configuration.credential(secretId: authorization.secretId) else {
            return .failure(.secretIdNotFound)
        }
        guard let timestampText = request.header("X-TC-Timestamp") else {
            return .failure(.missingParameter("Timestamp"))
        }
        guard let timestamp = Int(timestampText) else {
            return .failure(.invalidParameter("The value of parameter `Timestamp` is not an integer: `\(timestampText)`."))
        }
        let nowSeconds = now.timeIntervalSince1970
        guard abs(nowSeconds - Double(timestamp)) <= TC3Verifier.window else {
            return .failure(.signatureExpire(timestamp: timestamp, now: Int(nowSeconds.rounded(.down))))
        }
        let expectedDate = TencentTime.utcDate(timestamp: timestamp)
        guard authorization.date == expectedDate else {
            return .failure(.signatureFailure(
                "the credential date `\(authorization.date)` is not the UTC date of the timestamp (`\(expectedDate)`)"
            ))
        }
        guard authorization.service == TC3Verifier.service else {
            return .failure(.signatureFailure("the credential service `\(authorization.service)` is not `redis`"))
        }
        guard authorization.terminator == TC3Verifier.terminator else {
            return .failure(.signatureFailure("the credential scope must end with `tc3_request`"))
        }
        let signed = authorization.signedHeaders
        guard signed.contains("content-type"), signed.contains("host") else {
            return .failure(.signatureFailure("SignedHeaders must include `content-type` and `host`"))
        }
        guard signed == signed.map({ $0.lowercased() }), signed == signed.sorted(), Set(signed).count == signed.count else {
            return .failure(.signatureFailure("SignedHeaders must be lower-case, unique and in ascending order"))
        }
        let unsigned = request.header("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD"
        let canonical = TC3Verifier.canonicalRequest(
            method: request.method,
            query: request.query,
            signedHeaders: signed,
            headerValue: { request.header($0) },
            hashedPayload: TC3Verifier.hashedPayload(body: request.body, unsigned: unsigned)
        )
        let stringToSign = TC3Verifier.stringToSign(
            timestamp: timestamp,
            credentialScope: authorization.credentialScope,
            canonicalRequest: canonical
        )
        let expected = TC3Verifier.signature(
            secretKey: credential.secretKey,
            date: authorization.date,
            service: authorization.service,
            stringToSign: stringToSign
        )
        guard TC3Verifier.constantTimeEquals(expected, authorization.signature) else {
            return .failure(.signatureMismatch)
        }
        if let token = credential.token, request.header("X-TC-Token") != token {
            return .failure(.tokenFailure)
        }
        return checkCommonParameters(request, secretId: credential.secretId)
    }

    private func checkCommonParameters(_ request: ReceivedHTTPRequest, secretId: String) -> Result<TencentCall, TencentAPIError> {
        guard let version = request.header("X-TC-Version"), !version.isEmpty else {
            return .failure(.missingParameter("Version"))
        }
        guard version == Self.version else { return .failure(.noSuchVersion(version)) }
        guard let action = request.header("X-TC-Action"), !action.isEmpty else {
            return .failure(.missingParameter("Action"))
        }
        guard Self.actions.contains(action) else { return .failure(.invalidAction(action)) }
        guard let region = request.header("X-TC-Region"), !region.isEmpty else {
            return .failure(.missingParameter("Region"))
        }
        guard configuration.regions.contains(region) else { return .failure(.unsupportedRegion(region)) }
        return .success(TencentCall(
            secretId: secretId,
            action: action,
            region: region,
            language: request.header("X-TC-Language")
        ))
    }
}
