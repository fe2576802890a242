import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `TencentClient.decode`: canned answers in Tencent's shapes (`tencent.md` §3.1, §6.1).
@Suite("Tencent response decoding")
struct TencentResponseDecodingTests {
    let client = Fixture.offlineClient()

    func answer(_ body: String, status: Int = 200, contentType: String = "application/json") -> ProviderHTTPResponse {
        ProviderHTTPResponse(status: status, headers: [("Content-Type", contentType)], body: Array(body.utf8))
    }

    func decode<Payload: Decodable>(
        _ body: String, status: Int = 200, as type: Payload.Type, redactor: Redactor = Redactor()
    ) throws(GatewayError) -> (payload: Payload, requestId: String?) {
        try client.decode(answer(body, status: status), action: "TestAction", as: type, redactor: redactor)
    }

    // MARK: Success bodies

    @Test("ManualBackupInstance and RestoreInstance: TaskId and RequestId")
    func taskResponses() throws {
        let body = #"{"Response":{"TaskId":6954227,"RequestId":"6c3d9e2f-1b7a-4a3c-9a7e-2f1f0c8f0a11"}}"#
        let (payload, requestId) = try decode(body, as: TencentAPI.TaskResponse.self)
        #expect(payload.TaskId == 6_954_227)
        #expect(requestId == "6c3d9e2f-1b7a-4a3c-9a7e-2f1f0c8f0a11")
        // Task ids are unsigned 64-bit at Tencent; large values must survive.
        let large = try decode(#"{"Response":{"TaskId":1767225600123,"RequestId":"r"}}"#, as: TencentAPI.TaskResponse.self)
        #expect(large.payload.TaskId == 1_767_225_600_123)
    }

    @Test("DescribeInstanceBackups: TotalCount and RedisBackupSet fields, extra fields ignored")
    func describeBackups() throws {
        let body = """
            {"Response":{"TotalCount":2,"BackupSet":[
              {"StartTime":"2026-01-01 08:00:00","EndTime":"2026-01-01 08:01:35","BackupId":"678362566696298532848117",
               "BackupType":"0","Status":2,"Remark":"before-migration [gw:op_abcdefghijklmnopqrstuvwxyz]","Locked":0,
               "BackupSize":25165824,"FullBackup":0,"InstanceType":8,"InstanceId":"crs-5a4py64p","InstanceName":"orders",
               "Region":"ap-guangzhou","FileType":"RDB","ExpireTime":"2026-01-08 08:00:00","Encrypted":false},
              {"StartTime":"2026-01-01 09:00:00","EndTime":"0000-00-00 00:00:00","BackupId":"678362566696298532848118",
               "BackupType":"1","Status":1,"Remark":null,"Locked":1,"BackupSize":0,"InstanceId":"crs-5a4py64p",
               "FileType":"","ExpireTime":"2026-01-08 09:00:00"}
            ],"RequestId":"rid-backups"}}
            """
        let (payload, requestId) = try decode(body, as: TencentAPI.DescribeInstanceBackupsResponse.self)
        #expect(requestId == "rid-backups")
        #expect(payload.TotalCount == 2)
        let sets = try #require(payload.BackupSet)
        #expect(sets.count == 2)
        #expect(sets[0].BackupId == "678362566696298532848117")
        #expect(sets[0].StartTime == "2026-01-01 08:00:00")
        #expect(sets[0].EndTime == "2026-01-01 08:01:35")
        #expect(sets[0].BackupType == "0")
        #expect(sets[0].Status == 2)
        #expect(sets[0].Remark == "before-migration [gw:op_abcdefghijklmnopqrstuvwxyz]")
        #expect(sets[0].Locked == 0)
        #expect(sets[0].BackupSize == 25_165_824)
        #expect(sets[0].InstanceId == "crs-5a4py64p")
        #expect(sets[0].FileType == "RDB")
        #expect(sets[0].ExpireTime == "2026-01-08 08:00:00")
        #expect(sets[1].Remark == nil)
        #expect(sets[1].Locked == 1)
        #expect(sets[1].Status == 1)
    }

    @Test("DescribeTaskInfo: Status, StartTime, TaskType, InstanceId, TaskMessage")
    func describeTask() throws {
        let body = #"{"Response":{"Status":"failed","StartTime":"2026-01-01 08:00:00","TaskType":"Backup Instance","InstanceId":"crs-5a4py64p","TaskMessage":"disk full","RequestId":"rid-task"}}"#
        let (payload, requestId) = try decode(body, as: TencentAPI.DescribeTaskInfoResponse.self)
        #expect(requestId == "rid-task")
        #expect(payload.Status == "failed")
        #expect(payload.StartTime == "2026-01-01 08:00:00")
        #expect(payload.TaskType == "Backup Instance")
        #expect(payload.InstanceId == "crs-5a4py64p")
        #expect(payload.TaskMessage == "disk full")
    }

    @Test("DescribeInstances: TotalCount and InstanceSet, extra fields (floats, arrays) ignored")
    func describeInstances() throws {
        let body = """
            {"Response":{"TotalCount":1,"InstanceSet":[{"InstanceId":"crs-5a4py64p","InstanceName":"orders","Appid":1250000000,
             "ProjectId":0,"Status":2,"NoAuth":true,"Region":"ap-guangzhou","Type":8,"ProductType":"standalone",
             "RedisShardNum":1,"RedisReplicasNum":1,"Size":1024.0,"SizeUsed":12.5,"Engine":"Redis","Port":6379,
             "BackupMode":"NormalLevelBackup","InstanceTags":[{"TagKey":"env","TagValue":"prod"}]}],"RequestId":"rid-inst"}}
            """
        let (payload, requestId) = try decode(body, as: TencentAPI.DescribeInstancesResponse.self)
        #expect(requestId == "rid-inst")
        #expect(payload.TotalCount == 1)
        let instance = try #require(payload.InstanceSet?.first)
        #expect(instance.InstanceId == "crs-5a4py64p")
        #expect(instance.InstanceName == "orders")
        #expect(instance.Status == 2)
        #expect(instance.NoAuth == true)
        #expect(instance.Region == "ap-guangzhou")
        #expect(instance.ProductType == "standalone")
    }

    @Test("an unknown id comes back as TotalCount 0 and an empty InstanceSet")
    func describeInstancesEmpty() throws {
        let (payload, _) = try decode(#"{"Response":{"TotalCount":0,"InstanceSet":[],"RequestId":"r"}}"#, as: TencentAPI.DescribeInstancesResponse.self)
        #expect(payload.TotalCount == 0)
        #expect(payload.InstanceSet?.isEmpty == true)
    }

    @Test("{\"Response\":{}} without any field decodes to all-nil fields")
    func emptyResponse() throws {
        let task = try decode(#"{"Response":{}}"#, as: TencentAPI.TaskResponse.self)
        #expect(task.payload.TaskId == nil)
        #expect(task.requestId == nil)
        let backups = try decode(#"{"Response":{}}"#, as: TencentAPI.DescribeInstanceBackupsResponse.self)
        #expect(backups.payload.TotalCount == nil)
        #expect(backups.payload.BackupSet == nil)
        let info = try decode(#"{"Response":{}}"#, as: TencentAPI.DescribeTaskInfoResponse.self)
        #expect(info.payload.Status == nil)
        let instances = try decode(#"{"Response":{}}"#, as: TencentAPI.DescribeInstancesResponse.self)
        #expect(instances.payload.InstanceSet == nil)
    }

    // MARK: Errors

    @Test("an error envelope (HTTP 200) is mapped through the table with the provider's details")
    func errorEnvelope() {
        let body = #"{"Response":{"Error":{"Code":"ResourceNotFound.InstanceNotExists","Message":"The instance `crs-x` does not exist."},"RequestId":"rid-err"}}"#
        let error = #expect(throws: GatewayError.self) {
            try decode(body, as: TencentAPI.TaskResponse.self)
        }
        #expect(error?.code == .notFound)
        #expect(error?.reason == "INSTANCE_NOT_FOUND")
        #expect(error?.provider?.name == "tencent")
        #expect(error?.provider?.code == "ResourceNotFound.InstanceNotExists")
        #expect(error?.provider?.message == "The instance `crs-x` does not exist.")
        #expect(error?.provider?.requestId == "rid-err")
        #expect(error?.provider?.httpStatus == 200)
        #expect(error?.outcomeUnknown == false)
    }

    @Test("an error envelope wins over success fields in the same Response")
    func errorWithFields() {
        let body = #"{"Response":{"TaskId":5,"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r"}}"#
        let error = #expect(throws: GatewayError.self) {
            try decode(body, as: TencentAPI.TaskResponse.self)
        }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfterSeconds == 1)
    }

    @Test("an error without a Code is an unmapped provider_error")
    func errorWithoutCode() {
        let error = #expect(throws: GatewayError.self) {
            try decode(#"{"Response":{"Error":{"Message":"??"},"RequestId":"r"}}"#, as: TencentAPI.TaskResponse.self)
        }
        #expect(error?.code == .providerError)
        #expect(error?.reason == "PROVIDER_ERROR_UNMAPPED")
    }

    @Test("the error message is redacted with the call's secrets")
    func errorRedacted() {
        let password = "instance-Pa55word!"
        let body = #"{"Response":{"Error":{"Code":"InvalidParameterValue.PasswordError","Message":"password \#(password) is wrong for AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"},"RequestId":"r"}}"#
        let error = #expect(throws: GatewayError.self) {
            try decode(body, as: TencentAPI.TaskResponse.self, redactor: Redactor().adding([password]))
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.reason == "INSTANCE_PASSWORD_INCORRECT")
        #expect(error?.detail.contains(password) == false)
        #expect(error?.provider?.message?.contains(password) == false)
        #expect(error?.provider?.message?.contains("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE") == false)
    }

    @Test("HTTP 502 from infrastructure is provider_unavailable, outcome unknown, even with a JSON body")
    func http502() {
        for body in ["<html>502 Bad Gateway</html>", #"{"Response":{"TaskId":1,"RequestId":"r"}}"#] {
            let error = #expect(throws: GatewayError.self) {
                try decode(body, status: 502, as: TencentAPI.TaskResponse.self)
            }
            #expect(error?.code == .providerUnavailable)
            #expect(error?.reason == "PROVIDER_HTTP_STATUS")
            #expect(error?.provider?.httpStatus == 502)
            #expect(error?.outcomeUnknown == true)
        }
    }

    @Test("a non-200, non-5xx status is provider_error")
    func http4xx() {
        let error = #expect(throws: GatewayError.self) {
            try decode("forbidden", status: 403, as: TencentAPI.TaskResponse.self)
        }
        #expect(error?.code == .providerError)
        #expect(error?.reason == "PROVIDER_HTTP_STATUS")
        #expect(error?.provider?.httpStatus == 403)
    }

    @Test("bodies that are not a Tencent envelope are PROVIDER_RESPONSE_MALFORMED", arguments: [
        "<html>hello</html>",
        "",
        #"{"Response":{"TaskId":"#,
        "{}",
        #"{"Response":null}"#,
        "[]",
        #"{"Response":{"TaskId":"not-a-number","RequestId":"r"}}"#,
    ])
    func malformed(body: String) {
        let error = #expect(throws: GatewayError.self) {
            try decode(body, as: TencentAPI.TaskResponse.self)
        }
        #expect(error?.code == .providerError)
        #expect(error?.reason == "PROVIDER_RESPONSE_MALFORMED")
        #expect(error?.outcomeUnknown == true)
    }
}
