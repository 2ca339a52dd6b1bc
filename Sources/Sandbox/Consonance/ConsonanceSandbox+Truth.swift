/// Read access to what the sandbox holds, for tests that pick data to query and compare a client's view with it.
extension ConsonanceSandbox {
    public func imprints() -> [ConsonanceImprintSummary] {
        services.store.read { $0.imprints.map { ConsonanceImprintSummary(id: $0.id, name: $0.name) } }
    }

    /// Every work, ascending id.
    public func works() -> [ConsonanceWorkSummary] {
        services.store.read { catalogue in catalogue.works.map { ConsonanceWorkSummary($0, in: catalogue) } }
    }

    public func work(id: Int) -> ConsonanceWorkSummary? {
        services.store.read { catalogue in catalogue.work(id).map { ConsonanceWorkSummary($0, in: catalogue) } }
    }

    /// Every product, ascending id.
    public func products() -> [ConsonanceProductSummary] {
        services.store.read { catalogue in catalogue.products.map { ConsonanceProductSummary($0, in: catalogue) } }
    }

    public func product(id: Int) -> ConsonanceProductSummary? {
        services.store.read { catalogue in catalogue.product(id).map { ConsonanceProductSummary($0, in: catalogue) } }
    }

    public func product(isbn13: String) -> ConsonanceProductSummary? {
        services.store.read { catalogue in
            catalogue.productIDByISBN[isbn13].flatMap(catalogue.product).map { ConsonanceProductSummary($0, in: catalogue) }
        }
    }

    /// Every contact (people and organisations), ascending id.
    public func contacts() -> [ConsonanceContributorSummary] {
        services.store.read { $0.contacts.map(ConsonanceContributorSummary.init) }
    }

    /// The people credited on at least one work.
    public func contributors() -> [ConsonanceContributorSummary] {
        services.store.read { $0.contacts.filter { $0.isPerson && !$0.workIDs.isEmpty }.map(ConsonanceContributorSummary.init) }
    }

    public func contact(id: Int) -> ConsonanceContributorSummary? {
        services.store.read { $0.contact(id).map(ConsonanceContributorSummary.init) }
    }

    /// Every contract, ascending id (ids follow the signing order).
    public func contracts() -> [ConsonanceContractSummary] {
        services.store.read { $0.contracts.map(ConsonanceContractSummary.init) }
    }

    public func contract(id: Int) -> ConsonanceContractSummary? {
        services.store.read { $0.contract(id).map(ConsonanceContractSummary.init) }
    }
}

extension ConsonanceSandbox {
    /// Number of products in the catalogue.
    public var productCount: Int { services.store.read { $0.products.count } }
}
