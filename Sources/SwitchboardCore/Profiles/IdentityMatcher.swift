import Foundation

/// Groups identities into profiles in memory: two identities sharing a normalised email, an E.164 phone number or an
/// external id belong to the same profile, transitively (union-find with path compression).
///
/// The store applies the same rules row by row inside its transactions; this type is the reference for them, the
/// benchmark's baseline, and what a caller uses to preview how a batch would group. Each join is recorded as a
/// ``MergeReason``: a join happens when an identity's key is already held by an identity in another group.
public struct IdentityMatcher: Sendable {
    private var identities: [ProfileIdentity] = []
    private var indexByKey: [IdentityKey: Int] = [:]
    private var parent: [Int] = []
    private var firstHolder: [MatchKey: Int] = [:]
    /// Every join, in the order it happened.
    public private(set) var reasons: [MergeReason] = []

    public init() {}

    public var identityCount: Int { identities.count }

    /// Add (or update the keys of) an identity and join it to every group that shares a key. Returns the joins this
    /// call made (empty when the identity started or stayed on its own).
    @discardableResult
    public mutating func add(_ identity: ProfileIdentity) -> [MergeReason] {
        let index: Int
        if let existing = indexByKey[identity.key] {
            index = existing
            var merged = identities[existing]
            merged.email = identity.email ?? merged.email
            merged.phone = identity.phone ?? merged.phone
            merged.externalID = identity.externalID ?? merged.externalID
            identities[existing] = merged
        } else {
            index = identities.count
            identities.append(identity)
            parent.append(index)
            indexByKey[identity.key] = index
        }
        var joins: [MergeReason] = []
        for key in identities[index].matchKeys {
            guard let holder = firstHolder[key] else {
                firstHolder[key] = index
                continue
            }
            let (a, b) = (root(of: index), root(of: holder))
            guard a != b else { continue }
            parent[max(a, b)] = min(a, b)  // the older group survives
            joins.append(MergeReason(rule: key.rule, value: key.value, identity: identity.key, matched: identities[holder].key))
        }
        reasons.append(contentsOf: joins)
        return joins
    }

    /// The group (profile) an identity belongs to, as the key of the group's first identity; nil for an unknown one.
    public mutating func group(of key: IdentityKey) -> IdentityKey? {
        guard let index = indexByKey[key] else { return nil }
        return identities[root(of: index)].key
    }

    /// Every group, each as its identities' keys (sorted), the groups ordered by their first identity.
    public mutating func groups() -> [[IdentityKey]] {
        var members: [Int: [IdentityKey]] = [:]
        for index in identities.indices { members[root(of: index), default: []].append(identities[index].key) }
        return members.sorted { $0.key < $1.key }.map { $0.value.sorted() }
    }

    /// How many groups there are.
    public mutating func groupCount() -> Int {
        var count = 0
        for index in identities.indices where root(of: index) == index { count += 1 }
        return count
    }

    private mutating func root(of index: Int) -> Int {
        var root = index
        while parent[root] != root { root = parent[root] }
        var node = index
        while parent[node] != root {
            let next = parent[node]
            parent[node] = root
            node = next
        }
        return root
    }
}
