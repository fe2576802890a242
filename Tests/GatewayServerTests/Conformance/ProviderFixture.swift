import Foundation
import GatewayConfiguration
import GatewayCore
import Simulators
import Testing

/// One provider kind as the conformance suite sees it: a simulator started with known
/// credentials and sample data, the account that routes to it, and the provider's own names
/// for the calls the suite breaks on purpose. A new provider kind is done when its fixture
/// passes `ConformanceTests`.
struct ProviderFixture: Sendable, CustomTestStringConvertible {
    /// How fast the simulator's tasks finish.
    enum Pace: Sendable { case stepped, immediate }

    let name: String
    let kind: ProviderKind
    /// Starts the simulator; the caller stops it.
    let start: @Sendable (Pace) async throws -> RunningSimulator

    var testDescription: String { name }
}

/// A started simulator and what the suite needs to drive it.
struct RunningSimulator: Sendable {
    /// The account (credentials by environment reference) that routes to the simulator.
    let account: AccountSettings
    let environment: [String: String]
    /// Values that must never leave the gateway: secret keys, tokens, instance passwords.
    let secrets: [String]
    let inject: @Sendable (SimulatedFault) async -> Void
    let requests: @Sendable () async -> [SimulatedRequestRecord]
    let stop: @Sendable () async -> Void

    /// A running instance on which backups and in-place restores work.
    let instanceId: String
    /// A routed id the provider does not know.
    let unknownInstanceId: String
    /// A backup request body using the options this provider honours.
    let backupBody: String
    /// The restore request body for restoring `instanceId` from `backupId`.
    let restoreBody: @Sendable (_ backupId: String) -> String
    /// The provider's action names.
    let createBackupAction: String
    let restoreAction: String
    let describeInstanceAction: String
}
