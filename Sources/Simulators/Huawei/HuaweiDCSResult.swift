import Foundation

/// What a DCS call answered: a JSON body, or an empty list (204 or 200 per
/// `HuaweiSimulatorConfiguration.emptyListStatus` on v2; 200 with this body on v1.0).
enum HuaweiDCSResult: Sendable {
    case json(SimulatorJSON)
    case emptyList(SimulatorJSON)

    /// The JSON a 200 carries (also what a `malformedBody` fault cuts).
    var json: SimulatorJSON {
        switch self {
        case .json(let value), .emptyList(let value): value
        }
    }
}
