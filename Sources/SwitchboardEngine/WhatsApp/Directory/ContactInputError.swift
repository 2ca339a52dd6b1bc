import Foundation

/// A bad field in a contact or template change (from the admin API's JSON or the command line), named so the person
/// can fix it: `phone: "12" is too short…`.
public struct ContactInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// A directory operation named a contact that does not exist.
public struct ContactNotFound: Error, Sendable, Equatable, CustomStringConvertible {
    public var id: String

    public init(id: String) { self.id = id }

    public var description: String { "no contact \(id)" }
}
