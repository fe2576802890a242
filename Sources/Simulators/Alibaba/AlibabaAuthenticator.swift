import Foundation

/// Who is calling which action, once the common checks passed.
struct AlibabaCall: Sendable {
    enum Scheme: Sendable { case v1, acs3 }

    var accessKeyId: String
    var action: String
    var scheme: Scheme
}

/// The common checks of Alibaba's RPC gateway for both schemes: signature v1 (`Signature`
/// and the common parameters in the query/form) and ACS3-HMAC-SHA256 (`Authorization`
/// header). Order: signature present and well-formed, AccessKeyId, signature method,
/// timestamp format and ±15-minute window, signature, STS token, nonce, version, action.
struct AlibabaAuthenticator: Sendable {
    static let version = "2015-01-01"
    static let actions: Set<String> = [
        "CreateBackup", "DescribeBackupTasks", "DescribeBackups", "DescribeClusterBackupList",
        "RestoreInstance", "DescribeInstanceAttribute", "DescribeBackupPolicy", "DescribeInstances",
    ]
    /// Largest accepted |server time − request time|, in seconds.
    static let window: TimeInterval = 15 * 60

    var configuration: AlibabaSimulatorConfiguration
    var nonces: AlibabaNonceCache

    func authenticate(
        _ request: ReceivedHTTPRequest,
        parameters: AlibabaParameters,
        now: Date
    ) -> Result<AlibabaCall, AlibabaAPIError> {
        if let authorization = request.header("Authorization"), !authorization.isEmpty,
           parameters["Signature"] == nil {
            return authenticateACS3(request, authorization: authorization, parameters: parameters, now: now)
        }
        return authenticateV1(request, parameters: parameters, now: now)
    }

    // MARK: Signature v1

    private func authenticateV1(
        _ request: ReceivedHTTPRequest,
        parameters: AlibabaParameters,
        now: Date
    ) -> Result<AlibabaCall, AlibabaAPIError> {
        let all = parameters.all
        let timestampName = all["Timestamp"] != nil ? "Timestamp" : "TimeStamp"
        let required = ["Signature", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", timestampName]
        let missing = required.filter { (all[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            return .failure(.incompleteSignature("Missing: \(missing.joined(separator: ", "))."))
        }
        let accessKeyId = all["AccessKeyId"]!
        guard let credential = configuration.credential(accessKeyId: accessKeyId) else {
            return .failure(.accessKeyNotFound)
        }
        let method = all["SignatureMethod"]!
        guard method == AlibabaRPCSignature.method else { return .failure(.invalidSignatureMethod(method)) }
        guard all["SignatureVersion"] == AlibabaRPCSignature.version else {
            return .failure(.incompleteSignature("SignatureVersion must be 1.0."))
        }
        if let failure = checkTime(all[timestampName]!, now: now) { return .failure(failure) }
        let stringToSign = AlibabaRPCSignature.stringToSign(method: request.method, parameters: all)
        let expected = AlibabaRPCSignature.signature(stringToSign: stringToSign, secret: credential.secret)
        guard AlibabaConstantTime.equals(expected, all["Signature"]!) else {
            return .failure(.signatureMismatch(stringToSign: stringToSign))
        }
        return finish(
            credential: credential,
            token: all["SecurityToken"],
            nonce: all["SignatureNonce"]!,
            version: all["Version"],
            action: all["Action"],
            scheme: .v1,
            now: now
        )
    }

    // MARK: ACS3-HMAC-SHA256

    private func authenticateACS3(
        _ request: ReceivedHTTPRequest,
        authorization header: String,
        parameters: AlibabaParameters,
        now: Date
    ) -> Result<AlibabaCall, AlibabaAPIError> {
        guard let authorization = AlibabaACS3Signature.parseAuthorization(header) else {
            return .failure(.incompleteSignature(
                "Expected `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>`."
            ))
        }
        guard authorization.algorithm == AlibabaACS3Signature.algorithm else {
            return .failure(.invalidSignatureMethod(authorization.algorithm))
        }
        guard let credential = configuration.credential(accessKeyId: authorization.accessKeyId) else {
            return .failure(.accessKeyNotFound)
        }
        let required = ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]
        let missing = required.filter { (request.header($0) ?? "").isEmpty }
        guard missing.isEmpty else {
            return .failure(.incompleteSignature("Missing headers: \(missing.joined(separator: ", "))."))
        }
        if let failure = checkTime(request.header("x-acs-date")!, now: now) { return .failure(failure) }
        let payloadHash = AlibabaACS3Signature.hashedPayload(request.body)
        guard request.header("x-acs-content-sha256")!.lowercased() == payloadHash else {
            return .failure(.signatureRejected("x-acs-content-sha256 does not match the SHA-256 of the body."))
        }
        let signed = Set(authorization.signedHeaders.map { $0.lowercased() })
        var mustSign: Set<String> = ["host"]
        for header in request.headers {
            let name = header.name.lowercased()
            if name.hasPrefix("x-acs-") || name == "content-type" { mustSign.insert(name) }
        }
        let unsigned = mustSign.subtracting(signed).sorted()
        guard unsigned.isEmpty else {
            return .failure(.signatureRejected(
                "SignedHeaders must include host, content-type when sent and every x-acs-* header; "
                    + "not signed: \(unsigned.joined(separator: ", "))."
            ))
        }
        let canonical = AlibabaACS3Signature.canonicalRequest(
            method: request.method,
            query: parameters.query,
            signedHeaders: authorization.signedHeaders,
            headerValue: { request.header($0) },
            hashedPayload: payloadHash
        )
        let stringToSign = AlibabaACS3Signature.stringToSign(canonicalRequest: canonical)
        let expected = AlibabaACS3Signature.signature(stringToSign: stringToSign, secret: credential.secret)
        guard AlibabaConstantTime.equals(expected, authorization.signature.lowercased()) else {
            return .failure(.signatureMismatch(stringToSign: stringToSign))
        }
        return finish(
            credential: credential,
            token: request.header("x-acs-security-token"),
            nonce: request.header("x-acs-signature-nonce")!,
            version: request.header("x-acs-version"),
            action: request.header("x-acs-action"),
            scheme: .acs3,
            now: now
        )
    }

    // MARK: Shared steps

    /// Format, then the ±15-minute window.
    private func checkTime(_ text: String, now: Date) -> AlibabaAPIError? {
        guard let time = AlibabaTime.parseSeconds(text) else { return .timestampFormat }
        guard abs(now.timeIntervalSince(time)) <= Self.window else { return .timestampExpired }
        return nil
    }

    /// STS token, nonce, version, action.
    private func finish(
        credential: AlibabaSimulatorCredential,
        token: String?,
        nonce: String,
        version: String?,
        action: String?,
        scheme: AlibabaCall.Scheme,
        now: Date
    ) -> Result<AlibabaCall, AlibabaAPIError> {
        let sentToken = token.flatMap { $0.isEmpty ? nil : $0 }
        guard sentToken == credential.securityToken else { return .failure(.securityTokenMismatch) }
        guard nonces.use(nonce, accessKeyId: credential.accessKeyId, now: now) else { return .failure(.nonceUsed) }
        guard let version, !version.isEmpty else { return .failure(.missing("Version")) }
        guard version == Self.version else { return .failure(.invalidVersion(version)) }
        guard let action, !action.isEmpty else { return .failure(.missing("Action")) }
        guard Self.actions.contains(action) else { return .failure(.invalidAction(action)) }
        return .success(AlibabaCall(accessKeyId: credential.accessKeyId, action: action, scheme: scheme))
    }
}
