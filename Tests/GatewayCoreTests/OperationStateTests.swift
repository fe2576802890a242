import Foundation
import Testing
import GatewayCore

@Suite("Operation state machine")
struct OperationStateTests {
    @Test("terminal states never change", arguments: [OperationState.succeeded, .failed])
    func terminalIsAbsorbing(state: OperationState) {
        for next in OperationState.allCases {
            #expect(!state.canTransition(to: next))
        }
    }

    @Test("nothing goes back to pending")
    func noReturnToPending() {
        #expect(!OperationState.running.canTransition(to: .pending))
        #expect(!OperationState.unknown.canTransition(to: .pending))
        #expect(OperationState.pending.canTransition(to: .running))
        #expect(OperationState.unknown.canTransition(to: .succeeded))
    }

    @Test("apply refuses to leave a terminal state and clamps progress")
    func apply() {
        let start = Date(timeIntervalSince1970: 1_000)
        var record = OperationRecord(id: OperationID.make(), kind: .backup, instanceId: "crs-1", provider: .tencent, account: "a", region: "r", createdAt: start)
        let first = record.apply(OperationUpdate(state: .running, progress: 250, providerTaskId: "7"), at: start.addingTimeInterval(1))
        #expect(first)
        #expect(record.progress == 100)
        #expect(record.providerTaskId == "7")
        let second = record.apply(OperationUpdate(state: .succeeded, backupId: "b1"), at: start.addingTimeInterval(2))
        #expect(second)
        #expect(record.done)
        let third = record.apply(OperationUpdate(state: .failed), at: start.addingTimeInterval(3))
        #expect(!third)
        #expect(record.state == .succeeded)
        #expect(record.updatedAt == start.addingTimeInterval(2))
    }

    @Test("operation ids are well-formed and distinct")
    func ids() {
        let ids = (0..<1000).map { _ in OperationID.make() }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy(OperationID.isValid))
        #expect(!OperationID.isValid("op_short"))
        #expect(!OperationID.isValid("../etc/passwd"))
    }
}
