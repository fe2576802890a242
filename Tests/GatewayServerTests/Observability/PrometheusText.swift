import Foundation

/// A strict reader of the Prometheus text exposition format 0.0.4, for tests: every sample
/// line is `name{label="value",…} value`, every family has one `# TYPE` line before its
/// samples, and every histogram series has cumulative `_bucket` lines ending with `le="+Inf"`
/// plus `_sum` and `_count` (equal to the `+Inf` bucket).
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    private(set) var types: [String: String] = [:]
    private(set) var samples: [Sample] = []

    init(_ text: String) throws {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            lineNumber += 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                try comment(line, at: lineNumber)
                continue
            }
            let sample = try Self.sample(line, at: lineNumber)
            guard let family = family(of: sample.name) else {
                throw Failure(line: lineNumber, reason: "sample \(sample.name) has no # TYPE line before it")
            }
            if types[family] == "histogram", sample.name.hasSuffix("_bucket"), sample.labels["le"] == nil {
                throw Failure(line: lineNumber, reason: "bucket without le")
            }
            samples.append(sample)
        }
        try checkHistograms()
    }

    /// The family a sample belongs to: its own name, or a histogram's name for `_bucket`,
    /// `_sum` and `_count`.
    func family(of name: String) -> String? {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return nil
    }

    /// Samples of `name` whose labels include `labels`.
    func samples(_ name: String, _ labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }
    }

    /// The sum of the matching samples' values.
    func total(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples(name, labels).reduce(0) { $0 + $1.value }
    }

    private mutating func comment(_ line: String, at number: Int) throws {
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0] == "#" else { return }  // a plain comment
        switch parts[1] {
        case "TYPE":
            guard parts.count == 4, Self.isMetricName(parts[2]),
                  ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3])
            else { throw Failure(line: number, reason: "malformed TYPE line: \(line)") }
            guard types[parts[2]] == nil else { throw Failure(line: number, reason: "second TYPE line for \(parts[2])") }
            guard !samples.contains(where: { family(of: $0.name) == parts[2] || $0.name == parts[2] }) else {
                throw Failure(line: number, reason: "TYPE of \(parts[2]) after its samples")
            }
            types[parts[2]] = parts[3]
        case "HELP":
            guard Self.isMetricName(parts[2]) else { throw Failure(line: number, reason: "malformed HELP line: \(line)") }
        default:
            return
        }
    }

    private static func sample(_ line: String, at number: Int) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard isMetricName(name) else { throw Failure(line: number, reason: "bad metric name in: \(line)") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                guard !label.isEmpty, label.first.map({ !$0.isNumber }) == true else { throw Failure(line: number, reason: "bad label name in: \(line)") }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw Failure(line: number, reason: "expected =\" after \(label)") }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first else { throw Failure(line: number, reason: "dangling escape") }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "n": value.append("\n")
                        case "\\", "\"": value.append(escaped)
                        default: throw Failure(line: number, reason: "bad escape \\\(escaped)")
                        }
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw Failure(line: number, reason: "unterminated label value") }
                rest = rest.dropFirst()
                guard labels.updateValue(value, forKey: label) == nil else { throw Failure(line: number, reason: "repeated label \(label)") }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" {
                    throw Failure(line: number, reason: "expected , or } in: \(line)")
                }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw Failure(line: number, reason: "expected one space before the value: \(line)") }
        let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count), let value = parseValue(String(fields[0])) else {
            throw Failure(line: number, reason: "bad value in: \(line)")
        }
        if fields.count == 2, Int64(fields[1]) == nil { throw Failure(line: number, reason: "bad timestamp in: \(line)") }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func parseValue(_ text: String) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    private static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == ":" }
    }

    /// Per histogram series (labels without `le`): cumulative buckets ending at +Inf, a sum
    /// and a count equal to the +Inf bucket.
    private func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            var series: [[String: String]: (buckets: [(Double, Double)], sum: Double?, count: Double?)] = [:]
            for sample in samples where self.family(of: sample.name) == family {
                var key = sample.labels
                let le = key.removeValue(forKey: "le")
                var entry = series[key] ?? ([], nil, nil)
                if sample.name == family + "_bucket" {
                    guard let le, let bound = Self.parseValue(le) else { throw Failure(line: 0, reason: "\(family): bad le") }
                    entry.buckets.append((bound, sample.value))
                } else if sample.name == family + "_sum" {
                    entry.sum = sample.value
                } else if sample.name == family + "_count" {
                    entry.count = sample.value
                } else {
                    throw Failure(line: 0, reason: "\(sample.name) is not a histogram sample of \(family)")
                }
                series[key] = entry
            }
            for (labels, entry) in series {
                guard let last = entry.buckets.last, last.0 == .infinity else {
                    throw Failure(line: 0, reason: "\(family)\(labels): no le=\"+Inf\" bucket")
                }
                guard entry.sum != nil, let count = entry.count else { throw Failure(line: 0, reason: "\(family)\(labels): _sum or _count missing") }
                guard count == last.1 else { throw Failure(line: 0, reason: "\(family)\(labels): _count differs from the +Inf bucket") }
                for (previous, next) in zip(entry.buckets, entry.buckets.dropFirst()) where previous.0 >= next.0 || previous.1 > next.1 {
                    throw Failure(line: 0, reason: "\(family)\(labels): buckets not cumulative in increasing le")
                }
            }
        }
    }
}
