import Foundation

/// A record that carries a version (newer replaces older) and a content fingerprint (equal versions with
/// different content still replace, since Zendesk timestamps have one-second resolution).
protocol VersionedMirrorRecord {
    var id: Int64 { get }
    var version: Int64 { get }
    var fingerprint: Int64 { get }
}

/// A stable 64-bit FNV-1a hash of a record's fields. Unlike `Hasher`, it is the same in every process,
/// so it can be stored and compared later.
struct StableFingerprint {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String?) {
        guard let text else { mix(0xff); return }
        for byte in text.utf8 { mix(byte) }
        mix(0x1f)
    }

    mutating func add(_ value: Int64?) {
        guard let value else { mix(0xfe); return }
        var bits = UInt64(bitPattern: value)
        for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: bits)); bits >>= 8 }
        mix(0x1e)
    }

    mutating func add(_ value: Bool?) {
        mix(value.map { $0 ? 1 : 0 } ?? 2)
    }

    mutating func add(_ values: [String]) {
        for value in values { add(value) }
        mix(0x1d)
    }

    private mutating func mix(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    var value: Int64 { Int64(bitPattern: state) }
}

extension MirrorTicket: VersionedMirrorRecord {
    public var fingerprint: Int64 {
        var f = StableFingerprint()
        f.add(subject); f.add(status); f.add(priority); f.add(type); f.add(requesterID); f.add(submitterID); f.add(assigneeID)
        f.add(organizationID); f.add(groupID); f.add(brandID); f.add(externalID); f.add(viaChannel); f.add(tags); f.add(customFieldsJSON)
        f.add(createdAt); f.add(updatedAt)
        return f.value
    }
}

extension MirrorUser: VersionedMirrorRecord {
    public var fingerprint: Int64 {
        var f = StableFingerprint()
        f.add(name); f.add(email); f.add(phone); f.add(role); f.add(organizationID); f.add(externalID); f.add(active); f.add(suspended)
        f.add(timeZone); f.add(locale); f.add(tags); f.add(userFieldsJSON); f.add(createdAt); f.add(updatedAt)
        return f.value
    }
}

extension MirrorOrganization: VersionedMirrorRecord {
    public var fingerprint: Int64 {
        var f = StableFingerprint()
        f.add(name); f.add(domainNames); f.add(externalID); f.add(details); f.add(notes); f.add(groupID); f.add(tags)
        f.add(organizationFieldsJSON); f.add(createdAt); f.add(updatedAt); f.add(deletedAt)
        return f.value
    }
}
