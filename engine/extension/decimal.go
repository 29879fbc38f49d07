package extension

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

func init() {
	register("decimal", false, []types.Kind{types.KindString}, types.KindDecimal, func(args []types.Value) (types.Value, error) {
		return ParseDecimal(string(args[0].(types.String)))
	})
	compare := func(name string, holds func(cmp int) bool) {
		register(name, true, []types.Kind{types.KindDecimal, types.KindDecimal}, types.KindBool, func(args []types.Value) (types.Value, error) {
			a, b := args[0].(types.Decimal), args[1].(types.Decimal)
			return types.Bool(holds(compareInt64(a.Scaled, b.Scaled))), nil
		})
	}
	compare("lessThan", func(c int) bool { return c < 0 })
	compare("lessThanOrEqual", func(c int) bool { return c <= 0 })
	compare("greaterThan", func(c int) bool { return c > 0 })
	compare("greaterThanOrEqual", func(c int) bool { return c >= 0 })
}

const decimalScale = 10000

var errDecimalOverflow = &EvalError{Ext: "decimal", Msg: "overflow when converting to decimal"}

// ParseDecimal parses decimal()'s argument: an optional '-', at least one
// digit, '.', and one to four digits. Like official Cedar, "digit" means
// any Unicode decimal digit when checking the shape, and the fraction limit
// counts bytes; non-ASCII digits then fail conversion and are reported as
// an overflow. Checks run in official's order: shape, whole part (times
// 10^4) in range, fraction length, total in range.
func ParseDecimal(s string) (types.Decimal, error) {
	neg, whole, frac, ok := splitDecimal(s)
	if !ok {
		return types.Decimal{}, evalErr("decimal", "`%s` is not a well-formed decimal value", s)
	}
	overflow := errDecimalOverflow
	// Accumulate the magnitude of value*10^4; the negative range is one
	// larger than the positive one.
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	var mag uint64
	for i := 0; i < len(whole); i++ {
		d := whole[i] - '0'
		if d > 9 {
			return types.Decimal{}, overflow
		}
		if mag > (limit-uint64(d))/10 {
			return types.Decimal{}, overflow
		}
		mag = mag*10 + uint64(d)
	}
	if mag > limit/decimalScale {
		return types.Decimal{}, overflow
	}
	mag *= decimalScale
	// Official converts the whole part before it looks at the fraction's
	// length, so an oversized whole part wins over too many fraction digits.
	if len(frac) > 4 {
		return types.Decimal{}, evalErr("decimal", "too many digits after the decimal in `%s`", s)
	}
	var fracValue uint64
	for i := 0; i < 4; i++ {
		fracValue *= 10
		if i < len(frac) {
			d := frac[i] - '0'
			if d > 9 {
				return types.Decimal{}, overflow
			}
			fracValue += uint64(d)
		}
	}
	if mag > limit-fracValue {
		return types.Decimal{}, overflow
	}
	mag += fracValue
	if neg {
		return types.Decimal{Scaled: int64(-mag)}, nil // wraps correctly for 2^63
	}
	return types.Decimal{Scaled: int64(mag)}, nil
}

// splitDecimal matches s against -?\d+\.\d+ (Unicode digits) and returns the
// digit runs.
func splitDecimal(s string) (neg bool, whole, frac string, ok bool) {
	rest := s
	if len(rest) > 0 && rest[0] == '-' {
		neg, rest = true, rest[1:]
	}
	n := digitRun(rest)
	if n == 0 || n >= len(rest) || rest[n] != '.' {
		return false, "", "", false
	}
	whole, rest = rest[:n], rest[n+1:]
	m := digitRun(rest)
	if m == 0 || m != len(rest) {
		return false, "", "", false
	}
	return neg, whole, rest, true
}

// digitRun is the byte length of the run of Unicode decimal digits at the
// start of s.
func digitRun(s string) int {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}
