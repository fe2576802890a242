/// Request and response shapes of the Tencent Cloud Redis API 3.0 actions the gateway uses
/// (`tencent.md` §3.1). Responses are decoded leniently: every field optional.
enum TencentAPI {
    static let version = "2018-04-12"
    static let service = "redis"

    struct ManualBackupInstanceRequest: Encodable {
        var InstanceId: String
        var Remark: String?
        var StorageDays: Int?
    }

    struct TaskResponse: Decodable {
        var TaskId: Int64?
    }

    struct RestoreInstanceRequest: Encodable {
        var InstanceId: String
        var BackupId: String
        var Password: String?
    }

    struct DescribeInstanceBackupsRequest: Encodable {
        var InstanceId: String
        var Limit: Int
        var Offset: Int
        var BeginTime: String?
        var EndTime: String?
        var Status: [Int]?
    }

    struct DescribeInstanceBackupsResponse: Decodable {
        var TotalCount: Int?
        var BackupSet: [BackupSet]?
    }

    struct BackupSet: Decodable {
        var StartTime: String?
        var EndTime: String?
        var BackupId: String?
        var BackupType: String?
        var Status: Int?
        var Remark: String?
        var Locked: Int?
        var BackupSize: Int64?
        var InstanceId: String?
        var FileType: String?
        var ExpireTime: String?
    }

    struct DescribeTaskInfoRequest: Encodable {
        var TaskId: Int64
    }

    struct DescribeTaskInfoResponse: Decodable {
        var Status: String?
        var StartTime: String?
        var TaskType: String?
        var InstanceId: String?
        var TaskMessage: String?
    }

    struct DescribeInstancesRequest: Encodable {
        var InstanceId: String
    }

    struct DescribeInstancesResponse: Decodable {
        var TotalCount: Int?
        var InstanceSet: [InstanceSet]?
    }

    struct InstanceSet: Decodable {
        var InstanceId: String?
        var InstanceName: String?
        var Status: Int?
        var NoAuth: Bool?
        var Region: String?
        var ProductType: String?
    }

    struct DescribeTaskListRequest: Encodable {
        var InstanceId: String
        var Limit: Int
        var Offset: Int
        var BeginTime: String
        var EndTime: String
        var TaskTypes: [String]
    }

    struct DescribeTaskListResponse: Decodable {
        var TotalCount: Int?
        var Tasks: [TaskListItem]?
    }

    /// `Result`: 0 initialised, 1 running, 2 done, 4 failed.
    struct TaskListItem: Decodable {
        var TaskId: Int64?
        var StartTime: String?
        var TaskType: String?
        var InstanceId: String?
        var Result: Int?
    }

    /// `{"Response": {"Error": {...}, "RequestId": ...}}` — read first to tell errors apart.
    struct ErrorProbe: Decodable {
        struct Body: Decodable {
            struct ErrorBody: Decodable {
                var Code: String?
                var Message: String?
            }
            var Error: ErrorBody?
            var RequestId: String?
        }
        var Response: Body?
    }

    struct Envelope<Payload: Decodable>: Decodable {
        var Response: Payload
    }
}
