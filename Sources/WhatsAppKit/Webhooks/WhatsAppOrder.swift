import LooseJSON

/// A catalogue order sent by the user (`messages[].order`). Rare for publishers; kept so no message type is lost.
public struct WhatsAppOrder: Sendable, Hashable {
    /// One ordered product.
    public struct Item: Sendable, Hashable {
        public var productRetailerID: String?
        public var quantity: Int?
        public var itemPrice: Double?
        public var currency: String?
    }

    public var catalogID: String?
    public var text: String?
    public var items: [Item]

    init(json: JSONValue) {
        self.catalogID = json.string("catalog_id")
        self.text = json.string("text")
        self.items = json.list("product_items").map {
            Item(productRetailerID: $0.string("product_retailer_id"), quantity: $0.int("quantity"), itemPrice: $0.double("item_price"), currency: $0.string("currency"))
        }
    }
}
