import Foundation
import Prometheus

/// `process_resident_memory_bytes` and `process_start_time_seconds`, read from `/proc` when a
/// scrape renders the registry (Linux; elsewhere the series are absent).
struct ProcessMetrics: Sendable {
    private let residentMemory: Prometheus.Gauge?
    private let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))

    init(registry: PrometheusCollectorRegistry) {
        guard let start = Self.startTime() else {
            residentMemory = nil
            return
        }
        registry.makeGauge(descriptor: MetricSeries.startTime.descriptor).set(start)
        residentMemory = registry.makeGauge(descriptor: MetricSeries.residentMemory.descriptor)
    }

    /// Reads the resident set size (second field of `/proc/self/statm`, in pages).
    func refresh() {
        guard let residentMemory, let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return }
        residentMemory.set(pages * pageSize)
    }

    /// Boot time (`btime` of `/proc/stat`) plus the process's start in clock ticks after boot
    /// (field 22 of `/proc/self/stat`); nil where `/proc` is not available.
    static func startTime() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let commandEnd = stat.lastIndex(of: ")"),
              let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let bootTime = Double(bootLine.dropFirst("btime ".count))
        else { return nil }
        // Fields after the command name start at field 3 (state); starttime is field 22.
        let fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        return bootTime + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
