/// Lets the tests that load the whole machine run alone.
///
/// The kill -9 and chaos tests drive real gateway processes as hard as they can; beside them,
/// on a two-core CI runner, the other end-to-end tests' provider calls (deadlines of a few
/// seconds) would time out for reasons that have nothing to do with what they check. Every
/// test gateway holds the gate shared while it runs (`TestStoreSettings.reserve` to
/// `cleanup`); a heavy test holds it exclusively (`exclusive(_:)`), waiting for the running
/// ones to finish while new ones wait for it. Writers first, so a heavy test is not starved.
actor MachineGate {
    static let shared = MachineGate()

    /// Set inside `exclusive(_:)`: the heavy test's own gateways do not queue behind it.
    @TaskLocal static var heldExclusively = false

    private var readers = 0
    private var writing = false
    private var waitingWriters: [CheckedContinuation<Void, Never>] = []
    private var waitingReaders: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` with no other test gateway running.
    static func exclusive<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        await shared.acquireExclusive()
        do {
            let result = try await $heldExclusively.withValue(true) { try await body() }
            await shared.releaseExclusive()
            return result
        } catch {
            await shared.releaseExclusive()
            throw error
        }
    }

    /// Holds the gate shared; returns whether it was taken (not inside `exclusive(_:)`).
    static func enterShared() async -> Bool {
        guard !heldExclusively else { return false }
        await shared.acquireShared()
        return true
    }

    func acquireShared() async {
        if !writing && waitingWriters.isEmpty {
            readers += 1
            return
        }
        await withCheckedContinuation { waitingReaders.append($0) }
    }

    func releaseShared() {
        readers -= 1
        admit()
    }

    private func acquireExclusive() async {
        if !writing && readers == 0 {
            writing = true
            return
        }
        await withCheckedContinuation { waitingWriters.append($0) }
    }

    private func releaseExclusive() {
        writing = false
        admit()
    }

    /// After a release: the next heavy test once nobody is left, else every waiting gateway.
    private func admit() {
        guard !writing else { return }
        if !waitingWriters.isEmpty {
            if readers == 0 {
                writing = true
                waitingWriters.removeFirst().resume()
            }
            return
        }
        readers += waitingReaders.count
        for reader in waitingReaders { reader.resume() }
        waitingReaders = []
    }
}
