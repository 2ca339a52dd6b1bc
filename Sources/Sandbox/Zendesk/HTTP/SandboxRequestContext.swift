import Hummingbird
import NIOCore

/// Request context that keeps the connection's channel, so fault injection can reset or cut off the connection.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The TCP connection the request arrived on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
