import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Simulators

/// Each fault effect in Alibaba's terms, matching by action and instance.
@Suite struct AlibabaFaultTests {
    static let tair: [String: String] = ["InstanceId": AlibabaHarness.tair]

    @Test("error: the coded answer (status by code) replaces the action; `times` uses are consumed")
    func errorEffect() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(
                action: "CreateBackup", times: 2, effect: .error(code: "InternalError", message: "boom")
            ))
            for _ in 0..<2 {
                let answer = try await harness.client.v1("CreateBackup", Self.tair)
                #expect(answer.status == 500)
                #expect(answer.code == "InternalError")
                #expect(answer.message == "boom")
            }
            await harness.simulator.inject(SimulatedFault(
                action: "CreateBackup", effect: .error(code: "Forbidden.RAM", message: "denied")
            ))
            #expect(try await harness.client.v1("CreateBackup", Self.tair).status == 403)
            await harness.simulator.inject(SimulatedFault(
                action: "CreateBackup", effect: .error(code: "ZoneMigrationError.StillingRunning", message: "migrating")
            ))
            #expect(try await harness.client.v1("CreateBackup", Self.tair).status == 400)
            let fourth = try await harness.client.v1("CreateBackup", Self.tair)
            #expect(fourth.code == nil)
            #expect(fourth.string("BackupJobID") == "10000")
            let records = await harness.simulator.receivedRequests()
            #expect(records.map(\.fault) == [
                "error(InternalError)", "error(InternalError)", "error(Forbidden.RAM)",
                "error(ZoneMigrationError.StillingRunning)", nil,
            ])
        }
    }

    @Test("Matching: another action or instance is unaffected; faults come after the signature check")
    func matching() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(instanceId: AlibabaHarness.redis, times: 10, effect: .throttle))
            #expect(try await harness.client.v1("DescribeBackupPolicy", Self.tair).code == nil)
            let throttled = try await harness.client.v1("DescribeBackupPolicy", ["InstanceId": AlibabaHarness.redis])
            #expect(throttled.code == "Throttling.User")
            #expect(throttled.status == 400)
            #expect(throttled.message == "Request was denied due to user flow control.")
            var tweaks = AlibabaTestClient.V1Tweaks()
            tweaks.secret = "wrong"
            #expect(try await harness.client.v1("DescribeBackupPolicy", ["InstanceId": AlibabaHarness.redis], tweaks: tweaks).code == "SignatureDoesNotMatch")
            #expect(await harness.simulator.faults().first?.times == 9)
            await harness.simulator.clearFaults()
            #expect(await harness.simulator.faults().isEmpty)
            #expect(try await harness.client.v1("DescribeBackupPolicy", ["InstanceId": AlibabaHarness.redis]).code == nil)
        }
    }

    @Test("httpStatus: infrastructure answer with that status and body; nothing happens")
    func httpStatusEffect() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .httpStatus(502, body: "<html>Bad Gateway</html>")))
            let answer = try await harness.client.v1("CreateBackup", Self.tair)
            #expect(answer.status == 502)
            #expect(answer.body == "<html>Bad Gateway</html>")
            #expect(try await harness.client.v1("CreateBackup", Self.tair).string("BackupJobID") == "10000")
        }
    }

    @Test("delay: the answer comes late, the action still happens after a client gave up")
    func delayEffect() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .delay(.seconds(3))))
            var request = HTTPClientRequest(url: "http://\(harness.client.host)/?" + Self.signedQuery(harness))
            request.method = .POST
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                _ = try await harness.http.execute(request, timeout: .seconds(1))
            }
            // The delayed action still happens: a second backup then finds the first one running.
            var recorded = false
            for _ in 0..<100 where !recorded {
                try await Task.sleep(for: .milliseconds(100))
                recorded = await harness.simulator.receivedRequests().contains { $0.action == "CreateBackup" }
            }
            #expect(recorded)
            #expect(try await harness.client.v1("CreateBackup", Self.tair).code == "BackupJobExists")
        }
    }

    static func signedQuery(_ harness: AlibabaHarness) -> String {
        var parameters = Self.tair
        parameters["Action"] = "CreateBackup"
        parameters["Version"] = "2015-01-01"
        parameters["Format"] = "JSON"
        parameters["AccessKeyId"] = AlibabaHarness.accessKeyId
        parameters["SignatureMethod"] = "HMAC-SHA1"
        parameters["SignatureVersion"] = "1.0"
        parameters["SignatureNonce"] = UUID().uuidString
        parameters["Timestamp"] = AlibabaTime.seconds(harness.clock.now)
        let stringToSign = AlibabaRPCSignature.stringToSign(method: "POST", parameters: parameters)
        parameters["Signature"] = AlibabaRPCSignature.signature(stringToSign: stringToSign, secret: AlibabaHarness.secret)
        return AlibabaTestClient.wireQuery(parameters)
    }

    @Test("dropConnection: no complete answer, but the job was started (found again via DescribeBackupTasks)")
    func dropConnectionEffect() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .dropConnection))
            await #expect(throws: (any Error).self) {
                _ = try await harness.client.v1("CreateBackup", Self.tair)
            }
            let tasks = try await harness.client.v1("DescribeBackupTasks", Self.tair)
            #expect(tasks.array("BackupJobs").first?["BackupJobID"] == .int(10_000))
            #expect(try await harness.client.v1("CreateBackup", Self.tair).code == "BackupJobExists")
        }
    }

    @Test("malformedBody: 200 with a cut JSON (or XML) body; the action happened")
    func malformedBodyEffect() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .malformedBody))
            let answer = try await harness.client.v1("CreateBackup", Self.tair)
            #expect(answer.status == 200)
            #expect(answer.contentType?.hasPrefix("application/json") == true)
            #expect(answer.json == nil)
            #expect(!answer.body.isEmpty)
            #expect(try await harness.client.v1("CreateBackup", Self.tair).code == "BackupJobExists")
            await harness.simulator.inject(SimulatedFault(action: "DescribeBackupPolicy", effect: .malformedBody))
            var tweaks = AlibabaTestClient.V1Tweaks()
            tweaks.format = nil
            let xml = try await harness.client.v1("DescribeBackupPolicy", Self.tair, tweaks: tweaks)
            #expect(xml.contentType?.hasPrefix("text/xml") == true)
            #expect(!xml.body.hasSuffix("</DescribeBackupPolicyResponse>"))
        }
    }

    @Test("failTask on CreateBackup: the job finishes, its DescribeBackups row says Failed; only the next job fails")
    func failBackupJob() async throws {
        try await AlibabaHarness.with(progression: .perPoll(steps: 2)) { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .failTask(message: "disk full")))
            let jobId = try #require(try await harness.client.v1("CreateBackup", Self.tair).string("BackupJobID"))
            let query = Self.tair.merging(harness.window()) { a, _ in a }.merging(["BackupJobId": jobId]) { a, _ in a }
            let tasks = try await harness.client.v1("DescribeBackupTasks", Self.tair)
            #expect(tasks.array("BackupJobs").first?["BackupProgressStatus"] == "NoStart")
            #expect(try await harness.client.v1("DescribeBackupTasks", Self.tair).array("BackupJobs").first?["BackupProgressStatus"] == "Finished")
            let row = try #require(try await harness.client.v1("DescribeBackups", query).array("Backups", "Backup").first)
            #expect(row["BackupStatus"] == "Failed")
            #expect(row["BackupJobID"] == .int(Int64(jobId)!))
            #expect(row["BackupDownloadURL"] == "")
            let failedId = try #require(row["BackupId"]?.intValue)
            let restore = try await harness.client.v1("RestoreInstance", Self.tair.merging(["BackupId": String(failedId)]) { a, _ in a })
            #expect(restore.code == "InvalidParameter")

            let next = try #require(try await harness.client.v1("CreateBackup", Self.tair).string("BackupJobID"))
            _ = try await harness.client.v1("DescribeBackupTasks", Self.tair.merging(["BackupJobId": next]) { a, _ in a })
            _ = try await harness.client.v1("DescribeBackupTasks", Self.tair.merging(["BackupJobId": next]) { a, _ in a })
            let nextRow = try await harness.client.v1("DescribeBackups", Self.tair.merging(harness.window()) { a, _ in a }.merging(["BackupJobId": next]) { a, _ in a })
            #expect(nextRow.array("Backups", "Backup").first?["BackupStatus"] == "Success")
        }
    }

    @Test("failTask on a cloud-native cluster: the set ends FAILED with ERROR shards")
    func failClusterJob() async throws {
        try await AlibabaHarness.with(progression: .immediate) { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(
                action: "CreateBackup", instanceId: AlibabaHarness.cluster, effect: .failTask(message: "x")
            ))
            #expect(try await harness.client.v1("CreateBackup", ["InstanceId": AlibabaHarness.cluster]).code == nil)
            let query = ["InstanceId": AlibabaHarness.cluster, "RegionId": "cn-hangzhou"].merging(harness.window()) { a, _ in a }
            let list = try await harness.client.v1("DescribeClusterBackupList", query, method: .GET)
            let set = try #require(list.array("ClusterBackups").first)
            #expect(set["ClusterBackupStatus"] == "FAILED")
            #expect(set["IsAvail"] == 0)
            if case .array(let shards)? = set["Backups"] {
                #expect(shards.allSatisfy { $0["BackupStatus"] == "ERROR" })
            } else {
                Issue.record("no shards")
            }
        }
    }

    @Test("failTask on RestoreInstance: BackupRecovering, then Normal without the data")
    func failRestore() async throws {
        try await AlibabaHarness.with(progression: .perPoll(steps: 1)) { (harness: AlibabaHarness) async throws in
            await harness.simulator.inject(SimulatedFault(
                action: "RestoreInstance", instanceId: AlibabaHarness.tair, effect: .failTask(message: "aborted")
            ))
            let answer = try await harness.client.v1("RestoreInstance", Self.tair.merging([
                "RestoreType": "1", "RestoreTime": AlibabaTime.seconds(harness.clock.now.addingTimeInterval(-600)),
            ]) { a, _ in a })
            #expect(answer.code == nil, "\(answer.body)")
            #expect(await harness.simulator.instance(AlibabaHarness.tair)?.instanceStatus == "BackupRecovering")
            _ = try await harness.client.v1("DescribeInstanceAttribute", Self.tair)
            let instance = try #require(await harness.simulator.instance(AlibabaHarness.tair))
            #expect(instance.instanceStatus == "Normal")
            #expect(instance.lastRestore == nil)
        }
    }

    @Test("Rate limits (when enforced): a burst above the per-action limit gets Throttling.User")
    func rateLimits() async throws {
        try await AlibabaHarness.with(rateLimits: true) { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let started = ContinuousClock.now
            let codes = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await client.v1("CreateBackup", ["InstanceId": "r-unknown"]).code }
                }
                var codes: [String?] = []
                for try await code in group { codes.append(code) }
                return codes
            }
            let elapsed = started.duration(to: .now).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let served = codes.filter { $0 == "InvalidInstanceId.NotFound" }.count
            let throttled = codes.filter { $0 == "Throttling.User" }.count
            #expect(served + throttled == 40)
            #expect(served >= 10)
            // A 10/s bucket never serves more than its burst plus what refilled meanwhile.
            #expect(served <= 10 + Int((seconds * 10).rounded(.up)) + 1)
            #expect(try await client.v1("DescribeBackupPolicy", Self.tair).code == nil)
        }
    }
}
