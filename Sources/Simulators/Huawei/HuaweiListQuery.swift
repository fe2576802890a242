import Foundation

/// The window and page of a list call. v2: `begin_time`, `end_time` (UTC
/// `yyyyMMddHHmmss`), `offset` ≥ 0 (default 0); v1.0: `beginTime`, `endTime`, `start` ≥ 1
/// (default 1, a 1-based record index). Both: `limit` 1–1000 (default 10). A bad value →
/// `DCS.4800`, end before begin → `DCS.4025`; unknown parameters are ignored.
struct HuaweiListQuery: Equatable {
    var begin: Date?
    var end: Date?
    var offset = 0
    var limit = 10

    init(_ query: String, generation: HuaweiRoute.Generation) throws(HuaweiAPIError) {
        var values: [String: String] = [:]
        for (key, value) in HuaweiPercentEncoding.parseQuery(query) {
            values[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
        }
        let v2 = generation == .v2
        let beginName = v2 ? "begin_time" : "beginTime"
        let endName = v2 ? "end_time" : "endTime"
        func time(_ name: String) throws(HuaweiAPIError) -> Date? {
            guard let text = values[name], !text.isEmpty else { return nil }
            guard let date = HuaweiTime.parseCompact(text) else { throw .invalidParameter(name) }
            return date
        }
        func integer(_ name: String, _ range: ClosedRange<Int>) throws(HuaweiAPIError) -> Int? {
            guard let text = values[name], !text.isEmpty else { return nil }
            guard let number = Int(text), range.contains(number) else { throw .invalidParameter(name) }
            return number
        }
        begin = try time(beginName)
        end = try time(endName)
        if let begin, let end, end < begin { throw .endBeforeBegin }
        if v2 {
            offset = try integer("offset", 0...Int(Int32.max)) ?? 0
        } else {
            offset = (try integer("start", 1...Int(Int32.max)) ?? 1) - 1
        }
        limit = try integer("limit", 1...1000) ?? 10
    }

    /// Inside the window (the end second counts whole).
    func contains(_ date: Date) -> Bool {
        if let begin, date < begin { return false }
        if let end, date >= end.addingTimeInterval(1) { return false }
        return true
    }

    func page<Item>(_ items: [Item]) -> [Item] {
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(items.count, offset + limit)])
    }
}
