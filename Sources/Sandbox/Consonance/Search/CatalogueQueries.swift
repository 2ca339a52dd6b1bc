/// The list and single-record lookups behind the root query fields: ascending ids, `after` as "id greater than",
/// at most `limit` records — plain arrays, as Consonance returns them.
extension Catalogue {
    func products(matching search: ProductSearch, work: WorkSearch?, price: PriceSearch?, limit: Int,
                  overReport: Double) -> [ProductRecord] {
        var found: [ProductRecord] = []
        func consider(_ product: ProductRecord) {
            guard search.matches(product, in: self, overReport: overReport) else { return }
            if let work, let record = self.work(product.workID), !work.matches(record, in: self, overReport: overReport) {
                return
            }
            if let price, !price.isEmpty, !product.prices.contains(where: price.matches) { return }
            found.append(product)
        }
        if let ids = search.candidates(in: self) {
            for id in ids where found.count < limit {
                if let product = product(id) { consider(product) }
            }
            return found
        }
        var index = Catalogue.startIndex(after: search.after, base: Catalogue.productIDBase)
        while index < products.count, found.count < limit {
            consider(products[index])
            index += 1
        }
        return found
    }

    func works(matching search: WorkSearch, products productSearch: ProductSearch?, limit: Int,
               overReport: Double) -> [WorkRecord] {
        var found: [WorkRecord] = []
        func consider(_ work: WorkRecord) {
            guard search.matches(work, in: self, overReport: overReport) else { return }
            if let productSearch {
                let hasMatch = work.productIDs.contains { id in
                    product(id).map { productSearch.matches($0, in: self, overReport: overReport) } ?? false
                }
                guard hasMatch else { return }
            }
            found.append(work)
        }
        if let ids = search.candidates(in: self) {
            for id in ids where found.count < limit {
                if let work = work(id) { consider(work) }
            }
            return found
        }
        var index = Catalogue.startIndex(after: search.after, base: 0)
        while index < works.count, found.count < limit {
            consider(works[index])
            index += 1
        }
        return found
    }

    /// Contacts, persons whose name contains `personNameCont` (case-insensitive) when it is given.
    func contacts(personNameContains text: String?, limit: Int) -> [ContactRecord] {
        guard let text = text?.lowercased() else { return Array(contacts.prefix(limit)) }
        var found: [ContactRecord] = []
        for contact in contacts where contact.isPerson && contact.name.lowercased().contains(text) {
            found.append(contact)
            if found.count == limit { break }
        }
        return found
    }
}
