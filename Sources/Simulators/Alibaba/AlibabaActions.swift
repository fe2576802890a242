import Foundation

/// Dispatch of the R-kvstore actions (alibaba.md §4) and the parameter rules they share.
extension AlibabaSimulatorState {
    typealias Fields = [String: SimulatorJSON]

    /// HTTP methods an action accepts (anything not listed: GET and POST).
    static let allowedMethods: [String: Set<String>] = ["DescribeClusterBackupList": ["GET"]]

    /// Runs `action` with `parameters`; the fields of a success (without `RequestId`).
    func perform(action: String, _ parameters: AlibabaParameters) -> Result<Fields, AlibabaAPIError> {
        refresh()
        do throws(AlibabaAPIError) {
            switch action {
            case "CreateBackup": return .success(try createBackup(parameters))
            case "DescribeBackupTasks": return .success(try describeBackupTasks(parameters))
            case "DescribeBackups": return .success(try describeBackups(parameters))
            case "DescribeClusterBackupList": return .success(try describeClusterBackupList(parameters))
            case "RestoreInstance": return .success(try restoreInstance(parameters))
            case "DescribeInstanceAttribute": return .success(try describeInstanceAttribute(parameters))
            case "DescribeBackupPolicy": return .success(try describeBackupPolicy(parameters))
            case "DescribeInstances": return .success(try describeInstances(parameters))
            default: return .failure(.invalidAction(action))
            }
        } catch {
            return .failure(error)
        }
    }

    // MARK: Shared parameter rules

    /// `StartTime` and `EndTime` (both required, `yyyy-MM-ddTHH:mmZ`, End > Start) as the
    /// half-open range `[Start, End + 1 minute)`: the end minute counts whole.
    func minuteWindow(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Range<Date> {
        let startText = try parameters.required("StartTime")
        let endText = try parameters.required("EndTime")
        guard let start = AlibabaTime.parseMinutes(startText) else {
            throw .invalidParameter("The parameter `StartTime` must be formatted yyyy-MM-ddTHH:mmZ (UTC), got `\(startText)`.")
        }
        guard let end = AlibabaTime.parseMinutes(endText) else {
            throw .invalidParameter("The parameter `EndTime` must be formatted yyyy-MM-ddTHH:mmZ (UTC), got `\(endText)`.")
        }
        guard end > start else { throw .invalidParameter("The parameter `EndTime` must be later than `StartTime`.") }
        return start..<end.addingTimeInterval(60)
    }

    /// `PageNumber` (≥ 1, default 1) and `PageSize` (30, 50, 100, 200 or 300; default 30).
    func page(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> (number: Int, size: Int) {
        let number = try parameters.integer("PageNumber") ?? 1
        guard number >= 1, number <= Int64(Int32.max) else {
            throw .invalidParameter("The parameter `PageNumber` must be a positive integer, got \(number).")
        }
        let size = try parameters.integer("PageSize") ?? 30
        guard [30, 50, 100, 200, 300].contains(size) else {
            throw .invalidParameter("The parameter `PageSize` must be one of 30, 50, 100, 200, 300; got \(size).")
        }
        return (Int(number), Int(size))
    }

    static func pageSlice<Item>(_ items: [Item], number: Int, size: Int) -> [Item] {
        let start = (number - 1).multipliedReportingOverflow(by: size)
        guard !start.overflow, start.partialValue < items.count else { return [] }
        return Array(items[start.partialValue..<min(items.count, start.partialValue + size)])
    }
}
