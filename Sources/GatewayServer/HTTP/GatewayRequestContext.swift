import Hummingbird
import NIOCore

/// The request context of the gateway's router: Hummingbird's basics plus the peer address
/// (for `auth.probes: private-network`).
struct GatewayRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
