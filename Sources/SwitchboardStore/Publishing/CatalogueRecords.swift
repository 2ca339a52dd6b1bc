import Foundation
import LooseJSON

/// A Consonance work as Switchboard last saw it: the few columns it searches on, a digest of the fields it diffs,
/// and the whole snapshot (`data`) that title context and change events are built from.
public struct CatalogueWork: Sendable, Equatable {
    public var connection: String
    public var id: Int64
    public var title: String
    public var subtitle: String?
    public var stage: String?
    public var imprint: String?
    public var digest: String
    public var data: JSONValue

    public init(connection: String, id: Int64, title: String, subtitle: String?, stage: String?, imprint: String?, digest: String, data: JSONValue) {
        self.connection = connection
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.stage = stage
        self.imprint = imprint
        self.digest = digest
        self.data = data
    }
}

/// A Consonance product (one format of a work) as Switchboard last saw it. `format` is Switchboard's format family
/// (`hardback`, `paperback`, `ebook`, `audio`…), `status` the ONIX List 64 code without the API's underscore.
public struct CatalogueProduct: Sendable, Equatable {
    public var connection: String
    public var id: Int64
    public var workID: Int64
    public var isbn13: String?
    public var title: String
    public var format: String
    public var status: String?
    public var publicationDate: String?
    public var imprint: String?
    public var digest: String
    public var data: JSONValue

    public init(connection: String, id: Int64, workID: Int64, isbn13: String?, title: String, format: String, status: String?,
                publicationDate: String?, imprint: String?, digest: String, data: JSONValue) {
        self.connection = connection
        self.id = id
        self.workID = workID
        self.isbn13 = isbn13
        self.title = title
        self.format = format
        self.status = status
        self.publicationDate = publicationDate
        self.imprint = imprint
        self.digest = digest
        self.data = data
    }
}

/// A contributor of a work (author, editor…) with the contact details Consonance holds, so a support ticket from
/// an author's email address can be matched to their projects.
public struct CatalogueContributor: Sendable, Equatable {
    public var workID: Int64
    public var contactID: Int64
    public var role: String
    public var sequence: Int
    public var name: String
    public var email: String?
    public var phone: String?

    public init(workID: Int64, contactID: Int64, role: String, sequence: Int, name: String, email: String?, phone: String?) {
        self.workID = workID
        self.contactID = contactID
        self.role = role
        self.sequence = sequence
        self.name = name
        self.email = email
        self.phone = phone
    }
}

/// A Consonance contract (the head contract of a work) as Switchboard last saw it: its dates and licensed rights
/// live in `data`.
public struct CatalogueContract: Sendable, Equatable {
    public var connection: String
    public var id: Int64
    public var workID: Int64?
    public var name: String
    public var digest: String
    public var data: JSONValue

    public init(connection: String, id: Int64, workID: Int64?, name: String, digest: String, data: JSONValue) {
        self.connection = connection
        self.id = id
        self.workID = workID
        self.name = name
        self.digest = digest
        self.data = data
    }
}
