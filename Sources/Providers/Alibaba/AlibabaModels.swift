/// Response shapes of the R-KVStore 2015-01-01 actions the gateway uses (`alibaba.md` §4).
/// Decoded leniently: every field optional, numbers that Alibaba sends as strings in some
/// actions and as numbers in others read either way.
enum AlibabaAPI {
    static let version = "2015-01-01"

    struct CreateBackupResponse: Decodable {
        var BackupJobID: FlexibleString?
    }

    struct DescribeBackupTasksResponse: Decodable {
        var BackupJobs: [BackupJob]?
    }

    struct BackupJob: Decodable {
        var BackupJobID: FlexibleString?
        var BackupProgressStatus: String?
        var Progress: FlexibleString?
        var JobMode: String?
        var StartTime: String?
    }

    struct DescribeBackupsResponse: Decodable {
        struct Wrapper: Decodable { var Backup: [BackupRow]? }
        var TotalCount: Int?
        var PageNumber: Int?
        var PageSize: Int?
        var Backups: Wrapper?
    }

    struct BackupRow: Decodable {
        var BackupId: FlexibleString?
        var BackupJobID: FlexibleString?
        var BackupStatus: String?
        var BackupStartTime: String?
        var BackupEndTime: String?
        var BackupMode: String?
        var BackupMethod: String?
        var BackupSize: FlexibleString?
        var NodeInstanceId: String?
        var ExpectExpireTime: String?
    }

    struct DescribeClusterBackupListResponse: Decodable {
        var ClusterBackups: [ClusterBackup]?
        var PageNumber: Int?
        var PageSize: Int?
    }

    struct ClusterBackup: Decodable {
        var ClusterBackupId: String?
        var ClusterBackupStatus: String?
        var ClusterBackupStartTime: String?
        var ClusterBackupEndTime: String?
        var ClusterBackupMode: String?
        var ClusterBackupSize: FlexibleString?
        var IsAvail: FlexibleString?
        var ExpectExpireTime: String?
    }

    struct DescribeInstanceAttributeResponse: Decodable {
        struct Wrapper: Decodable { var DBInstanceAttribute: [InstanceAttribute]? }
        var Instances: Wrapper?
    }

    struct InstanceAttribute: Decodable {
        var InstanceId: String?
        var InstanceName: String?
        var InstanceStatus: String?
        var ArchitectureType: String?
        var InstanceType: String?
        var InstanceClass: String?
        var NodeType: String?
        var EngineVersion: String?
        var BackupLogStartTime: String?
    }

    struct DescribeBackupPolicyResponse: Decodable {
        var EnableBackupLog: FlexibleString?
        var BackupLogStartTime: String?
    }

    struct Empty: Decodable {}

    /// `{"Code", "Message", "RequestId"}` of a failed call.
    struct ErrorBody: Decodable {
        var Code: String?
        var Message: String?
        var RequestId: String?
    }

    struct RequestIdProbe: Decodable {
        var RequestId: String?
    }
}

/// A JSON value Alibaba sends as a string in one action and as a number in another.
struct FlexibleString: Decodable, Hashable, Sendable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = number == number.rounded() ? String(Int64(number)) : String(number)
        } else {
            value = ""
        }
    }
}
