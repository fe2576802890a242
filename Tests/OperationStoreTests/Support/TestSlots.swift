/// At most `limit` holders at a time; the others wait in line (FIFO). The PostgreSQL tests take
/// a slot per fresh schema, so that the whole suite, run in parallel, stays well below the test
/// server's `max_connections` whatever the number of tests.
actor TestSlots {
    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

}
