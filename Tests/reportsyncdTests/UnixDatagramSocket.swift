import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// An AF_UNIX datagram socket bound to a fresh path in the temporary folder, standing in for systemd's notify
/// socket or for a journal socket: the tests read what the code under test really sends.
final class UnixDatagramSocket {
    /// What went wrong, and in which call.
    struct Failure: Error, CustomStringConvertible {
        let call: String
        let errno: Errno
        var description: String { "\(self.call): \(self.errno)" }
    }

    /// The path the socket is bound to.
    let path: String
    private let descriptor: Int32

    /// Binds a new socket; receives give up with an error after `receiveTimeout` instead of hanging a test.
    init(receiveTimeout seconds: Int = 10) throws {
        self.path = Self.freshPath()
        self.descriptor = try Self.bind(self.path)
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(self.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(self.descriptor)
        unlink(self.path)
    }

    /// Binds a socket and closes it, leaving its file behind: a stale socket, which refuses connections.
    /// The caller removes the file.
    static func stale() throws -> String {
        let path = Self.freshPath()
        close(try Self.bind(path))
        return path
    }

    private static func freshPath() -> String {
        NSTemporaryDirectory() + "reportsyncd-test-\(UUID().uuidString.prefix(8)).sock"
    }

    private static func bind(_ path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket", errno: Errno(rawValue: errno)) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let error = Errno(rawValue: errno)
            close(descriptor)
            throw Failure(call: "bind \(path)", errno: error)
        }
        return descriptor
    }

    /// The next datagram, as text; throws when none arrives within the receive timeout.
    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(self.descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { throw Failure(call: "recv on \(self.path)", errno: Errno(rawValue: errno)) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// The datagrams already waiting, without blocking.
    func receiveWaiting() throws -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(self.descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count >= 0 {
                messages.append(String(decoding: buffer[..<count], as: UTF8.self))
                continue
            }
            let error = Errno(rawValue: errno)
            guard error == .wouldBlock else { throw Failure(call: "recv on \(self.path)", errno: error) }
            return messages
        }
    }
}
