/// The life cycle of an operation: `pending` (recorded, provider not yet answered) →
/// `running` → `succeeded` | `failed`; `unknown` when the provider's outcome could not be
/// established (it is reconciled later). Terminal states never change again.
public enum OperationState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case running
    case succeeded
    case failed
    case unknown

    /// `succeeded` and `failed` are final.
    public var isTerminal: Bool { self == .succeeded || self == .failed }

    /// Whether moving from `self` to `next` is allowed. Terminal states are absorbing;
    /// nothing goes back to `pending`.
    public func canTransition(to next: OperationState) -> Bool {
        if self == next { return !isTerminal }
        switch self {
        case .succeeded, .failed: return false
        case .pending: return true
        case .running: return next != .pending
        case .unknown: return next != .pending
        }
    }
}

/// What an operation does.
public enum OperationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case backup
    case restore
}
