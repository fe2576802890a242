import Dispatch
import GatewayCore

/// Runs blocking file work (SQLite open, migrations, close) on dispatch threads of its own.
///
/// On Linux the Swift concurrency pool has one thread per core; a call that waits for the disk
/// there stalls every task of the process (HTTP handlers, provider calls, timers). Each call
/// gets its own serial queue, which libdispatch runs on its overcommitting pool, outside the
/// concurrency pool.
enum FileWork {
    /// Runs `work` on a dispatch thread and returns its result.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws(GatewayError) -> T) async throws(GatewayError) -> T {
        let result: Result<T, GatewayError> = await withCheckedContinuation { continuation in
            DispatchQueue(label: "redis-backup-gateway.file-work").async {
                continuation.resume(returning: Result { () throws(GatewayError) in try work() })
            }
        }
        return try result.get()
    }

    /// Drops the last reference to `object` on a dispatch thread, so that its deinit (closing
    /// files, syncing them) does not run on the caller's.
    static func release(_ object: some AnyObject & Sendable) {
        DispatchQueue(label: "redis-backup-gateway.file-release").async { withExtendedLifetime(object) {} }
    }
}
