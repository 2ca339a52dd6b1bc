/// An immutable copy of the catalogue shared by the resolvers of one request.
///
/// Resolvers run concurrently; reading a private, frozen copy needs no lock and gives every request a consistent
/// view even while a mutation changes the store. A class so that nodes share it by reference.
final class CatalogueSnapshot: Sendable {
    let catalogue: Catalogue

    init(_ catalogue: Catalogue) {
        self.catalogue = catalogue
    }
}
