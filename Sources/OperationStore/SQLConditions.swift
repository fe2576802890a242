import GRDB

/// A WHERE clause built piece by piece, with its arguments in order.
struct SQLConditions {
    private var clauses: [String] = []
    private(set) var arguments: StatementArguments = []

    mutating func add(_ clause: String, _ values: [any DatabaseValueConvertible]) {
        clauses.append(clause)
        _ = arguments.append(contentsOf: StatementArguments(values))
    }

    /// `column = value` when `value` is given.
    mutating func equal(_ column: String, _ value: (any DatabaseValueConvertible)?) {
        if let value { add("\(column) = ?", [value]) }
    }

    /// `column` matches one of `patterns` (see `InstancePatternSQL`), when given.
    mutating func instancePatterns(_ column: String, _ patterns: [String]?) {
        guard let patterns else { return }
        let condition = InstancePatternSQL.sqliteCondition(column: column, patterns: patterns)
        add(condition.sql, condition.arguments)
    }

    /// `WHERE …`, or nothing.
    var whereClause: String {
        clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }
}
