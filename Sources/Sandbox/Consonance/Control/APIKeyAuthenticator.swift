/// Checks `Authorization: Bearer {key}` against the sandbox's API key, as Consonance's GraphQL endpoint does.
///
/// The scheme is matched case-insensitively (RFC 9110); `Token {key}`, seen in one old demo app, is refused so a
/// client that sends it fails here rather than in production. The key is compared in constant time.
struct APIKeyAuthenticator: Sendable {
    enum Outcome: Equatable {
        case accepted
        case missing
        case wrong
    }

    let key: String

    func check(_ header: String?) -> Outcome {
        guard let header, !header.trimmingSpaces().isEmpty else { return .missing }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .wrong }
        return APIKeyAuthenticator.constantTimeEqual(Array(key.utf8), Array(String(parts[1]).trimmingSpaces().utf8))
            ? .accepted : .wrong
    }

    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
