import Glibc
import SystemPackage

extension FilePath {
    /// The path's bytes as the kernel has them: a name need not be UTF-8, and none is ever repaired.
    public var bytes: [UInt8] {
        withPlatformString { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) }
    }

    /// The path made of exactly these bytes (none of them NUL).
    public init(bytes: some Collection<UInt8>) {
        self.init(platformString: bytes.map { CChar(bitPattern: $0) } + [0])
    }
}

extension FilePath.Component {
    /// The name's bytes as the kernel has them.
    public var bytes: [UInt8] {
        withPlatformString { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) }
    }

    /// The name made of exactly these bytes; `nil` when they are empty or hold a `/`.
    public init?(bytes: some Collection<UInt8>) {
        self.init(platformString: bytes.map { CChar(bitPattern: $0) } + [0])
    }
}
