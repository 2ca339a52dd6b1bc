import Foundation
import SwitchboardTestSupport
import Testing

/// The ports tests start servers on come from below the kernel's ephemeral range (where outgoing connections take
/// their local ports), are bindable when handed out, and are never handed out twice.
@Suite struct FreePortTests {
    @Test func portsAreDistinctBindableAndBelowTheEphemeralRange() throws {
        let ports = (0..<300).map { _ in TestHTTP.freePort() }
        #expect(Set(ports).count == ports.count, "no port handed out twice")
        let low = TestHTTP.ephemeralPortsStart
        if low > 12_000 {
            #expect(ports.allSatisfy { $0 >= 10_000 && $0 < low }, "\(ports.filter { $0 >= low })")
        }
        // The last one is free right now: a listener can bind it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(ports[ports.count - 1]).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(bound == 0)
    }
}
