#!/usr/bin/env python3
"""Deterministic sample files for the NIST 90B agreement cases (see README.md).

Stream: SHA-256(label || counter), counter an 8-byte big-endian integer from 0, blocks concatenated.
Draws are 32-bit big-endian words u taken from that stream in order; an event of probability
num/den happens when u * den < num * 2^32 (exact integers).
Usage: generate.py <kind> <label> <samples> <out-file>
"""
import hashlib
import sys


def words(label):
    counter = 0
    while True:
        block = hashlib.sha256(label.encode() + counter.to_bytes(8, "big")).digest()
        for i in range(0, 32, 4):
            yield int.from_bytes(block[i:i + 4], "big")
        counter += 1


def byte_stream(label):
    for w in words(label):
        yield from w.to_bytes(4, "big")


def below(u, num, den):
    return u * den < num * (1 << 32)


def pick(u, weights):
    """Index i such that the cumulative weight range [c_i, c_i + w_i) of sum(weights) holds u."""
    x = (u * sum(weights)) >> 32
    for i, w in enumerate(weights):
        if x < w:
            return i
        x -= w
    raise AssertionError


def markov_bits(label, p00, p11, den):
    state = 0
    for u in words(label):
        yield state
        stay = p00 if state == 0 else p11
        state = state if below(u, stay, den) else 1 - state


KINDS = {
    # kind: (description, generator(label) -> iterable of sample bytes)
    "uniform8": lambda l: byte_stream(l),
    "uniform6": lambda l: (b & 0x3F for b in byte_stream(l)),
    "biased1_p03": lambda l: (1 if below(u, 3, 10) else 0 for u in words(l)),
    "biased1_p08": lambda l: (1 if below(u, 8, 10) else 0 for u in words(l)),
    "markov1": lambda l: markov_bits(l, 9, 7, 10),
    "markov8": lambda l: packed(markov_bits(l, 8, 6, 10)),
    "iid4": lambda l: (pick(u, [20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1]) for u in words(l)),
    "iid2": lambda l: (pick(u, [40, 30, 20, 10]) for u in words(l)),
    "biased1_p001": lambda l: (1 if below(u, 1, 100) else 0 for u in words(l)),
    "uniform1": lambda l: (1 if below(u, 1, 2) else 0 for u in words(l)),
    "sticky1": lambda l: markov_bits(l, 999, 999, 1000),
    "sticky8": lambda l: packed(markov_bits(l, 999, 999, 1000)),
    "sparse8": lambda l: ((0x00, 0x11, 0xFF)[pick(u, [50, 30, 20])] for u in words(l)),
    "two8": lambda l: (0xF0 if below(u, 1, 2) else 0x0F for u in words(l)),
}


def packed(bits):
    it = iter(bits)
    while True:
        b = 0
        for _ in range(8):
            b = (b << 1) | next(it)
        yield b


def generate(kind, label, n):
    out = bytearray()
    for s in KINDS[kind](label):
        if len(out) == n:
            break
        out.append(s)
    return bytes(out)


if __name__ == "__main__":
    kind, label, n, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    data = generate(kind, label, n)
    with open(path, "wb") as f:
        f.write(data)
    print(hashlib.sha256(data).hexdigest(), path)
