import AsyncHTTPClient
import Foundation
import GatewayConfiguration
import GatewayCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import OpenAPIRuntime
import OperationStore
import ServiceLifecycle

/// Delivers the webhooks of finished operations (`callbackUrl`): polls the store's outbox,
/// claims due deliveries for a lease (so several dispatchers, in one process or in several
/// replicas, do not send the same delivery at the same time) and POSTs each one.
///
/// The request: `POST <callbackUrl>` with the JSON body
/// `{"event": "operation.finished", "operation": <the Operation as GET /operations/{id} renders it>}`
/// (sorted keys, RFC 3339 dates) and the headers
/// - `Content-Type: application/json`
/// - `User-Agent: redis-backup-gateway/<version>`
/// - `X-Gateway-Event: operation.finished`
/// - `X-Gateway-Delivery: <operation id>` — the same on every attempt of one delivery
/// - `X-Gateway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (see
///   `WebhookSigner`), when `webhooks.secretEnv`/`secretFile` is configured.
///
/// Any 2xx answer means delivered. Anything else — another status (redirects are not followed),
/// a timeout, a refused connection — is retried after 1 s · 2^(attempts−1) (at most 10 min,
/// ±20 % jitter) until `maxAttempts`, then the delivery is abandoned.
///
/// Delivery is **at least once**: a receiver that answered 2xx after the lease ran out, or a
/// crash between the answer and the store write, leads to a repeat. Receivers must dedupe on
/// `X-Gateway-Delivery` (one operation finishes once, so one id is one event).
///
/// The recorded `lastError` is short ("HTTP 500", "timeout", "connection refused") and never
/// holds the body, the headers, the URL or the secret.
struct WebhookDispatcher: Service {
    static let event = "operation.finished"

    let store: any GatewayStore
    let settings: WebhookSettings
    let signer: WebhookSigner?
    let pollInterval: Duration
    let batchSize: Int
    let lease: Duration
    let backoff: WebhookBackoff
    let clock: @Sendable () -> Date
    let logger: Logger

    /// - Parameters:
    ///   - secret: the resolved signing secret (`settings.resolveSecret(environment:)`); nil
    ///     sends deliveries unsigned.
    ///   - pollInterval: how often the outbox is checked when it has nothing due.
    ///   - batchSize: deliveries claimed (and sent concurrently) per poll.
    ///   - lease: how long a claimed delivery is hidden from other dispatchers; defaults to
    ///     twice the attempt timeout plus 10 s, longer than one batch can take.
    init(
        store: any GatewayStore, settings: WebhookSettings, secret: String?, logger: Logger,
        pollInterval: Duration = .milliseconds(250), batchSize: Int = 16, lease: Duration? = nil,
        backoff: WebhookBackoff = WebhookBackoff(), clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.settings = settings
        self.signer = secret.map { WebhookSigner(secret: $0, clock: clock) }
        self.pollInterval = pollInterval
        self.batchSize = max(1, batchSize)
        self.lease = lease ?? settings.timeout * 2 + .seconds(10)
        self.backoff = backoff
        self.clock = clock
        self.logger = logger
    }

    /// Polls until graceful shutdown (or cancellation). Deliveries in flight when shutdown
    /// begins finish (each within `settings.timeout`); nothing new is claimed. The HTTP client
    /// is shut down on the way out.
    func run() async {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: Self.timeAmount(settings.timeout), read: Self.timeAmount(settings.timeout))
        )
        configuration.tlsConfiguration = .makeClientConfiguration()  // full certificate verification
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let claimed = await dispatchOnce(client: client)
            if claimed >= batchSize { continue }  // a backlog: go on at once
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.pollInterval) }
            } catch {
                break
            }
        }
        try? await client.shutdown()
        logger.debug("webhook dispatcher stopped")
    }

    /// Claims the due deliveries and sends them concurrently; returns how many were claimed.
    @discardableResult
    func dispatchOnce(client: HTTPClient) async -> Int {
        let due: [WebhookDelivery]
        do {
            due = try await store.dueWebhooks(now: clock(), limit: batchSize, lease: lease)
        } catch {
            logger.warning("could not read the webhook outbox; trying again", metadata: ["code": "\(error.code)", "reason": "\(error.reason)"])
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for delivery in due {
                group.addTask { await self.deliver(delivery, client: client) }
            }
        }
        return due.count
    }

    /// One attempt of one delivery, and its bookkeeping.
    func deliver(_ delivery: WebhookDelivery, client: HTTPClient) async {
        var log = logger
        log[metadataKey: "operation"] = "\(delivery.operationId)"
        log[metadataKey: "webhookHost"] = "\(URLComponents(string: delivery.url)?.host ?? "-")"
        let operation: OperationRecord?
        do {
            operation = try await store.get(delivery.operationId)
        } catch {
            // The lease runs out and the delivery is claimed again.
            log.warning("could not load the operation of a webhook; retrying after the lease", metadata: ["reason": "\(error.reason)"])
            return
        }
        guard let operation else {
            await abandon(delivery, attempts: delivery.attempts, error: "operation not found", log: log)
            return
        }
        do {
            try CallbackURLRule.validate(delivery.url)
        } catch {
            await abandon(delivery, attempts: delivery.attempts, error: "callback URL refused", log: log)
            return
        }
        let body: [UInt8]
        do {
            body = try WebhookPayload.body(for: operation)
        } catch {
            await abandon(delivery, attempts: delivery.attempts, error: "could not encode the operation", log: log)
            return
        }

        let failure: String?
        do {
            let status = try await post(body, to: delivery.url, deliveryId: delivery.operationId, client: client)
            failure = (200..<300).contains(status) ? nil : "HTTP \(status)"
        } catch {
            if Task.isCancelled {
                // Stopped by us, not by the receiver: no attempt is counted; the lease
                // runs out and another dispatcher (or the next start) sends it.
                return
            }
            failure = Self.describe(error)
        }

        let attempts = delivery.attempts + 1
        guard let failure else {
            do {
                try await store.markWebhookDelivered(operationId: delivery.operationId, at: clock())
                log.info("webhook delivered", metadata: ["attempts": "\(attempts)"])
            } catch {
                log.warning("webhook delivered but not recorded; it may be sent again", metadata: ["reason": "\(error.reason)"])
            }
            return
        }
        if attempts >= settings.maxAttempts {
            await abandon(delivery, attempts: attempts, error: failure, log: log)
            return
        }
        let delay = backoff.delay(afterAttempt: attempts)
        let next = clock().addingTimeInterval(delay.timeInterval)
        do {
            try await store.rescheduleWebhook(operationId: delivery.operationId, attempts: attempts, nextAttemptAt: next, lastError: failure)
            log.notice("webhook attempt failed; will retry", metadata: [
                "attempts": "\(attempts)", "error": "\(failure)", "retryInSeconds": "\(delay.timeInterval)",
            ])
        } catch {
            log.warning("could not reschedule a webhook; retrying after the lease", metadata: ["reason": "\(error.reason)"])
        }
    }

    private func abandon(_ delivery: WebhookDelivery, attempts: Int, error: String, log: Logger) async {
        do {
            try await store.abandonWebhook(operationId: delivery.operationId, attempts: attempts, lastError: error)
            log.error("webhook abandoned", metadata: ["attempts": "\(attempts)", "error": "\(error)"])
        } catch let storeError {
            log.warning("could not abandon a webhook; retrying after the lease", metadata: ["reason": "\(storeError.reason)"])
        }
    }

    /// Sends one attempt; the receiver's status code. The response body is read (up to
    /// 64 KiB) and dropped.
    private func post(_ body: [UInt8], to url: String, deliveryId: String, client: HTTPClient) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "redis-backup-gateway/\(GatewayVersion.current)")
        request.headers.add(name: "X-Gateway-Event", value: Self.event)
        request.headers.add(name: "X-Gateway-Delivery", value: deliveryId)
        if let signer {
            request.headers.add(name: WebhookSigner.headerName, value: signer.signature(for: body))
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: Self.timeAmount(settings.timeout))
        var read = 0
        for try await chunk in response.body {
            read += chunk.readableBytes
            if read > 65_536 { break }
        }
        return Int(response.status.code)
    }

    /// A short, secret-free description of a failed attempt.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout: return "timeout"
            case .tlsHandshakeTimeout: return "TLS handshake timeout"
            case .remoteConnectionClosed: return "connection closed by the receiver"
            case .invalidURL, .emptyHost, .emptyScheme: return "invalid URL"
            case .cancelled: return "cancelled"
            default: return "transport error"
            }
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return "name resolution failed"
            }
            let codes = error.connectionErrors.compactMap { ($0.error as? IOError)?.errnoCode }
            if let code = codes.first { return describe(errno: code) }
            return "connection failed"
        }
        if let error = error as? IOError { return describe(errno: error.errnoCode) }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return "timeout"
            case .ioOnClosedChannel, .eof, .alreadyClosed, .outputClosed, .inputClosed: return "connection closed by the receiver"
            default: return "connection failed"
            }
        }
        if error is SocketAddressError { return "name resolution failed" }
        if String(describing: type(of: error)).contains("SSL") { return "TLS failed" }
        return "transport error"
    }

    private static func describe(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connection refused"
        case ECONNRESET, EPIPE: "connection reset"
        case EHOSTUNREACH, ENETUNREACH: "host unreachable"
        case ETIMEDOUT: "timeout"
        default: "connection failed"
        }
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// The schedule of retries: `base · 2^(attempts−1)`, at most `cap`, then ±`jitter` (a fraction).
struct WebhookBackoff: Sendable {
    var base: Duration = .seconds(1)
    var cap: Duration = .seconds(600)
    var jitter: Double = 0.2

    /// The wait after the `attempts`-th failed attempt (1 for the first). `unit` is a random
    /// number in -1...1 (injectable for tests).
    func delay(afterAttempt attempts: Int, unit: Double = Double.random(in: -1...1)) -> Duration {
        let exponent = Double(max(0, attempts - 1))
        let raw = min(cap.timeInterval, base.timeInterval * pow(2, min(exponent, 62)))
        let jittered = max(0, raw * (1 + jitter * max(-1, min(1, unit))))
        return .nanoseconds(Int64((jittered * 1e9).rounded()))
    }
}

/// The body of a webhook, encoded as the generated server encodes its responses (sorted keys,
/// RFC 3339 dates without fractional seconds, slashes unescaped), on one line.
struct WebhookPayload: Encodable {
    var event: String
    var operation: Components.Schemas.Operation

    static func body(for record: OperationRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let transcoder: any DateTranscoder = .iso8601
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(try transcoder.encode(date))
        }
        let payload = WebhookPayload(event: WebhookDispatcher.event, operation: APIConversions.operation(record))
        return Array(try encoder.encode(payload))
    }
}
