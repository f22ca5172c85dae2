import Foundation
import Testing
import ZeroMQ

@Suite struct ZeroMQTests {
    @Test func routerAndDealerExchangeMultipartMessagesOverTCP() throws {
        let context = try Context()
        let router = try Socket(context: context, type: .router, linger: 0)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try Socket(context: context, type: .dealer, linger: 0)
        try dealer.connect(try router.lastEndpoint())

        #expect(try router.receiveIfReady() == nil)
        try dealer.send([Data("a".utf8), Data(), Data(repeating: 7, count: 100_000)])
        #expect(try router.waitForInput(timeout: 5))
        let received = try router.receive()
        // The router prepends the dealer's routing identity.
        #expect(received.count == 4)
        #expect(Array(received.dropFirst()) == [Data("a".utf8), Data(), Data(repeating: 7, count: 100_000)])

        try router.send([received[0], Data("reply".utf8)])
        #expect(try dealer.waitForInput(timeout: 5))
        #expect(try dealer.receive() == [Data("reply".utf8)])
        #expect(try !dealer.waitForInput(timeout: 0.05))
    }

    @Test func bindFailuresNameTheEndpoint() throws {
        let context = try Context()
        let socket = try Socket(context: context, type: .reply, linger: 0)
        #expect {
            try socket.bind("tcp://not-an-address:1")
        } throws: { error in
            "\(error)".contains("zmq_bind(tcp://not-an-address:1)")
        }
    }

    @Test func contextTerminationWaitsOnlyForClosedSockets() throws {
        let context = try Context()
        let publisher = try Socket(context: context, type: .publisher, linger: 0)
        try publisher.bind("tcp://127.0.0.1:*")
        try publisher.send([Data("nobody listens".utf8)])
        publisher.close()
        context.terminate()
        context.terminate()
    }
}
