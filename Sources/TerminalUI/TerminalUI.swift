import CWidth

/// Terminal cell width of one Unicode scalar, as ncurses measures it.
public func cellWidth(_ scalar: Unicode.Scalar) -> Int {
    Int(cwidth_scalar(scalar.value))
}
