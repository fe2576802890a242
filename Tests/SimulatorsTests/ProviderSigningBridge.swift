import ProviderSigning

/// Builds an Authorization value with ProviderSigning's TC3Signer (independent of the simulator).
enum ProviderSigningBridge {
    static func authorization(host: String, body: [UInt8], secretId: String, secretKey: String, timestamp: Int) -> String {
        TC3Signer.sign(
            TC3Signer.Request(method: "POST", host: host, contentType: "application/json", body: body),
            credentials: SigningCredentials(accessKeyId: secretId, secret: secretKey),
            service: "redis",
            timestamp: timestamp
        ).authorization
    }
}
