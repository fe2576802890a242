import Foundation

/// Instance patterns (exact ids, or globs where `*` matches any run of characters and `?` one,
/// compared case-sensitively as in the configuration's `instances:`) as SQL conditions.
///
/// The portable translation is `LIKE … ESCAPE '\'` (`like(_:)`), right for PostgreSQL, whose
/// LIKE is case-sensitive. SQLite's LIKE folds ASCII case, so the SQLite store uses `GLOB`
/// (case-sensitive, `*` and `?` native) instead; exact ids use `=` either way.
enum InstancePatternSQL {
    /// `pattern` as a LIKE pattern for `ESCAPE '\'`: `%`, `_`, `\` escaped, `*` → `%`, `?` → `_`.
    static func like(_ pattern: String) -> String {
        var result = ""
        for character in pattern {
            switch character {
            case "%", "_", "\\": result += "\\\(character)"
            case "*": result += "%"
            case "?": result += "_"
            default: result.append(character)
            }
        }
        return result
    }

    /// `pattern` as an SQLite GLOB pattern: `[` becomes `[[]`; `*` and `?` keep their meaning.
    static func glob(_ pattern: String) -> String {
        pattern.replacingOccurrences(of: "[", with: "[[]")
    }

    static func isExact(_ pattern: String) -> Bool {
        !pattern.contains("*") && !pattern.contains("?")
    }

    /// The SQLite condition that `column` matches one of `patterns` (`[]`: never true), with its arguments.
    static func sqliteCondition(column: String, patterns: [String]) -> (sql: String, arguments: [String]) {
        let exact = patterns.filter(isExact)
        let globs = patterns.filter { !isExact($0) }
        var alternatives: [String] = []
        if !exact.isEmpty {
            alternatives.append("\(column) IN (\(Array(repeating: "?", count: exact.count).joined(separator: ", ")))")
        }
        alternatives += globs.map { _ in "\(column) GLOB ?" }
        guard !alternatives.isEmpty else { return ("1 = 0", []) }
        return ("(" + alternatives.joined(separator: " OR ") + ")", exact + globs.map(glob))
    }
}
