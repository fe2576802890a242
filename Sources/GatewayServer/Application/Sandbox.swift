import Foundation
import GatewayConfiguration
import GatewayCore
import Logging
import Simulators

/// `sandbox: true`: the provider simulators run in this process on loopback, with sample
/// instances and backups, and one account per simulator routes their instances. Credentials
/// are random per run and never leave the process.
struct Sandbox: Sendable {
    let tencent: TencentSimulator
    let alibaba: AlibabaSimulator
    let huawei: HuaweiSimulator
    let tencentLegacy: TencentLegacySimulator
    /// Accounts to add to the configuration, and the environment that resolves their secrets.
    let accounts: [AccountSettings]
    let environment: [String: String]

    static func start(logger: Logger) async throws -> Sandbox {
        let secretId = "AKIDsandbox" + randomAlphanumerics(20)
        let secretKey = randomAlphanumerics(32)
        let tencent = TencentSimulator.sandbox(secretId: secretId, secretKey: secretKey)
        try await tencent.start()
        logger.notice("sandbox: Tencent Cloud Redis API 3.0 simulator listening", metadata: ["endpoint": "\(tencent.endpoint)"])

        let accessKeyId = "LTAI5tSandbox" + randomAlphanumerics(12)
        let accessKeySecret = randomAlphanumerics(30)
        let alibaba = AlibabaSimulator.sandbox(accessKeyId: accessKeyId, secret: accessKeySecret)
        do {
            try await alibaba.start()
        } catch {
            await tencent.stop()
            throw error
        }
        logger.notice("sandbox: Alibaba Cloud R-KVStore simulator listening", metadata: ["endpoint": "\(alibaba.endpoint)"])

        let huaweiAccessKey = "HWSANDBOX" + randomAlphanumerics(11).uppercased()
        let huaweiSecretKey = randomAlphanumerics(40)
        let projectId = String((0..<32).map { _ in Array("0123456789abcdef").randomElement()! })
        let huawei = HuaweiSimulator.sandbox(accessKey: huaweiAccessKey, secretKey: huaweiSecretKey, projectId: projectId)
        do {
            try await huawei.start()
        } catch {
            await tencent.stop()
            await alibaba.stop()
            throw error
        }
        logger.notice("sandbox: Huawei Cloud DCS simulator listening", metadata: ["endpoint": "\(huawei.endpoint)"])

        let legacyId = "AKIDlegacy" + randomAlphanumerics(20)
        let legacyKey = randomAlphanumerics(32)
        let tencentLegacy = TencentLegacySimulator.sandbox(secretId: legacyId, secretKey: legacyKey)
        do {
            try await tencentLegacy.start()
        } catch {
            await tencent.stop()
            await alibaba.stop()
            await huawei.stop()
            throw error
        }
        logger.notice("sandbox: Tencent Cloud CRS API 2.0 simulator listening", metadata: ["endpoint": "\(tencentLegacy.endpoint)"])

        let accounts = [
            AccountSettings(
                name: "sandbox-tencent", provider: .tencent, region: "ap-guangzhou", endpoint: URL(string: tencent.endpoint),
                credentials: CredentialReferences(id: .environment("SANDBOX_TENCENT_SECRET_ID"), secret: .environment("SANDBOX_TENCENT_SECRET_KEY")),
                instances: ["crs-sandbox*"], requestTimeout: .seconds(5)
            ),
            AccountSettings(
                name: "sandbox-alibaba", provider: .alibaba, region: "cn-hangzhou", endpoint: URL(string: alibaba.endpoint),
                credentials: CredentialReferences(id: .environment("SANDBOX_ALIBABA_ACCESS_KEY_ID"), secret: .environment("SANDBOX_ALIBABA_ACCESS_KEY_SECRET")),
                instances: ["r-sandbox*"], requestTimeout: .seconds(5)
            ),
            AccountSettings(
                name: "sandbox-huawei", provider: .huawei, region: HuaweiSandboxSeed.region, endpoint: URL(string: huawei.endpoint),
                projectId: projectId,
                credentials: CredentialReferences(id: .environment("SANDBOX_HUAWEI_AK"), secret: .environment("SANDBOX_HUAWEI_SK")),
                instances: [HuaweiSandboxSeed.singleInstanceId, HuaweiSandboxSeed.haInstanceId, HuaweiSandboxSeed.clusterInstanceId],
                requestTimeout: .seconds(5)
            ),
            AccountSettings(
                name: "sandbox-tencent-legacy", provider: .tencentLegacy, region: "gz", endpoint: URL(string: tencentLegacy.endpoint),
                credentials: CredentialReferences(id: .environment("SANDBOX_TENCENT_LEGACY_SECRET_ID"), secret: .environment("SANDBOX_TENCENT_LEGACY_SECRET_KEY")),
                instances: ["crs-legacy*"], requestTimeout: .seconds(5)
            ),
        ]
        return Sandbox(
            tencent: tencent,
            alibaba: alibaba,
            huawei: huawei,
            tencentLegacy: tencentLegacy,
            accounts: accounts,
            environment: [
                "SANDBOX_TENCENT_SECRET_ID": secretId, "SANDBOX_TENCENT_SECRET_KEY": secretKey,
                "SANDBOX_ALIBABA_ACCESS_KEY_ID": accessKeyId, "SANDBOX_ALIBABA_ACCESS_KEY_SECRET": accessKeySecret,
                "SANDBOX_HUAWEI_AK": huaweiAccessKey, "SANDBOX_HUAWEI_SK": huaweiSecretKey,
                "SANDBOX_TENCENT_LEGACY_SECRET_ID": legacyId, "SANDBOX_TENCENT_LEGACY_SECRET_KEY": legacyKey,
            ]
        )
    }

    func stop() async {
        await tencent.stop()
        await alibaba.stop()
        await huawei.stop()
        await tencentLegacy.stop()
    }

    private static func randomAlphanumerics(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }
}
