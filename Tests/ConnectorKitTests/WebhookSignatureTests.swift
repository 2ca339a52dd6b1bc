import ConnectorKit
import Testing

/// Test vectors from the Zendesk reference (§8.4), each computed with two independent HMAC implementations.
@Suite struct WebhookSignatureTests {
    @Test func zendeskVectors() {
        let secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="
        let timestamp = "2021-03-25T05:09:27Z"
        let body = #"{"type":"zen:event-type:user.deleted","account_id":1}"#
        #expect(WebhookSignature.base64HMAC(secret: secret, message: Array((timestamp + body).utf8)) == "kdEMMJHXVxsx5DlVk89rHoYnKzDtfO0P4+xMmgl0Xz8=")
        #expect(WebhookSignature.base64HMAC(secret: secret, message: Array(timestamp.utf8)) == "wCdBvXaHttn0wRVIYctzZ9O6O0bnqWakJMEKZ9VoRWw=")
        let other = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA="
        #expect(WebhookSignature.base64HMAC(secret: other, message: Array(("2021-07-25T10:00:00Z" + #"{"say": "hello"}"#).utf8)) == "Rry/4TtIdFyawtXXp8QdI6tlAUUQ/5kL1OTp5qo/ZIk=")
    }

    @Test func constantTimeEquality() {
        #expect(WebhookSignature.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!WebhookSignature.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!WebhookSignature.constantTimeEquals([1, 2, 3], [1, 2]))
    }
}
