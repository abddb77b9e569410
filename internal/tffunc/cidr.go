package tffunc

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/gocty"
)

// The IP network functions are written on big integers and net/netip. Terraform parses prefixes
// with the rules of Go 1.16's net.ParseCIDR, which read IPv4 octets with leading zeros as decimal
// ("010" is 10) and allow leading zeros in the prefix length; parseCIDR does the same. Where
// Terraform's arithmetic (go-cidr) behaves in ways its documentation does not promise — negative
// or huge numbers, IPv4-mapped IPv6 addresses printed in dotted form — the result is unknown.

// uncertain is an input on which Terraform's result is not known for sure: the call is unknown.
type uncertain string

func (u uncertain) Error() string { return string(u) }

// ipNet is a network: its masked address as an integer, prefix length, and address length in bits.
type ipNet struct {
	addr *big.Int
	bits int
	size int
}

func (n ipNet) hostBits() uint { return uint(n.size - n.bits) }

// lastAddr is the network's highest address.
func (n ipNet) lastAddr() *big.Int {
	span := new(big.Int).Lsh(big.NewInt(1), n.hostBits())
	return span.Add(span, n.addr).Sub(span, big.NewInt(1))
}

func (n ipNet) contains(a *big.Int) bool {
	return a.Cmp(n.addr) >= 0 && a.Cmp(n.lastAddr()) <= 0
}

// dtoi reads a decimal number as Go 1.16's net package did: digits only, leading zeros allowed,
// failing at 0xFFFFFF.
func dtoi(s string) (n, i int, ok bool) {
	for i = 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
		if n >= 0xFFFFFF {
			return 0xFFFFFF, i, false
		}
	}
	return n, i, i > 0
}

// parseIPv4 reads a dotted IPv4 address, leading zeros being decimal.
func parseIPv4(s string) ([4]byte, bool) {
	var p [4]byte
	for i := range p {
		if i > 0 {
			if s == "" || s[0] != '.' {
				return p, false
			}
			s = s[1:]
		}
		n, c, ok := dtoi(s)
		if !ok || n > 0xFF {
			return p, false
		}
		s = s[c:]
		p[i] = byte(n)
	}
	return p, s == ""
}

// parseAddr reads an IPv4 or IPv6 address as an integer and its length in bits.
func parseAddr(s string) (*big.Int, int, error) {
	if p, ok := parseIPv4(s); ok {
		return new(big.Int).SetBytes(p[:]), 32, nil
	}
	a, err := netip.ParseAddr(s)
	switch {
	case err != nil && strings.Contains(s, ".") && strings.Contains(s, ":"):
		return nil, 0, uncertain(fmt.Sprintf("the address %q embeds an IPv4 address that Terraform's parser may read differently", s))
	case err != nil, !a.Is6(), a.Zone() != "":
		return nil, 0, fmt.Errorf("invalid IP address %q", s)
	case a.Is4In6():
		return nil, 0, uncertain(fmt.Sprintf("%q is an IPv4-mapped IPv6 address, which Terraform prints in its own way", s))
	}
	b := a.As16()
	return new(big.Int).SetBytes(b[:]), 128, nil
}

// parseCIDR reads a prefix in CIDR notation as Terraform does and masks it to its network.
func parseCIDR(s string) (ipNet, error) {
	addr, length, found := strings.Cut(s, "/")
	if !found {
		return ipNet{}, fmt.Errorf("invalid CIDR address: %s", s)
	}
	a, size, err := parseAddr(addr)
	if err != nil {
		var u uncertain
		if errors.As(err, &u) {
			return ipNet{}, err
		}
		return ipNet{}, fmt.Errorf("invalid CIDR address: %s", s)
	}
	bits, i, ok := dtoi(length)
	if !ok || i != len(length) || bits > size {
		return ipNet{}, fmt.Errorf("invalid CIDR address: %s", s)
	}
	n := ipNet{bits: bits, size: size}
	mask := new(big.Int).Lsh(big.NewInt(1), n.hostBits())
	mask.Sub(mask, big.NewInt(1))
	n.addr = new(big.Int).AndNot(a, mask)
	return n, nil
}

// formatAddr prints an address of size bits.
func formatAddr(a *big.Int, size int) (string, error) {
	if size == 32 {
		var b [4]byte
		a.FillBytes(b[:])
		return netip.AddrFrom4(b).String(), nil
	}
	var b [16]byte
	a.FillBytes(b[:])
	addr := netip.AddrFrom16(b)
	if addr.Is4In6() {
		return "", uncertain(fmt.Sprintf("the result %s is an IPv4-mapped IPv6 address, which Terraform prints in its own way", addr))
	}
	return addr.String(), nil
}

// cidrFunc builds an IP network function: impl's uncertain errors become unknown values.
func cidrFunc(description string, params []function.Parameter, varParam *function.Parameter, ret cty.Type, impl func(args []cty.Value) (cty.Value, error)) func(e *env, name string) function.Function {
	return func(e *env, name string) function.Function {
		return function.New(&function.Spec{
			Description:  description,
			Params:       params,
			VarParam:     varParam,
			Type:         function.StaticReturnType(ret),
			RefineResult: notNull,
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				v, err := impl(args)
				var u uncertain
				if errors.As(err, &u) {
					return e.unknown(ret, name, "cannot be evaluated exactly: %s", u), nil
				}
				if err != nil {
					return cty.UnknownVal(ret), err
				}
				return v, nil
			},
		})
	}
}

var prefixParam = function.Parameter{Name: "prefix", Type: cty.String}

// wholeNumber converts a number argument to an integer, failing on fractions as Terraform does.
func wholeNumber(v cty.Value, what string) (*big.Int, error) {
	var n *big.Int
	if err := gocty.FromCtyValue(v, &n); err != nil {
		return nil, fmt.Errorf("invalid %s: %w", what, err)
	}
	return n, nil
}

var cidrhostFunc = cidrFunc(
	"Returns the address of the host with the given number in a network; negative numbers count from its end.",
	[]function.Parameter{prefixParam, {Name: "hostnum", Type: cty.Number}}, nil, cty.String,
	func(args []cty.Value) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		num, err := wholeNumber(args[1], "host number")
		if err != nil {
			return cty.NilVal, err
		}
		span := new(big.Int).Lsh(big.NewInt(1), n.hostBits())
		if num.Sign() < 0 {
			if new(big.Int).Neg(num).Cmp(span) > 0 {
				return cty.NilVal, uncertain(fmt.Sprintf("host number %s is below the start of the range", num))
			}
			num.Add(num, span)
		}
		if num.Cmp(span) >= 0 {
			return cty.NilVal, fmt.Errorf("prefix of %d does not accommodate a host numbered %s", n.bits, args[1].AsBigFloat().Text('f', -1))
		}
		s, err := formatAddr(num.Add(num, n.addr), n.size)
		return cty.StringVal(s), err
	},
)

var cidrnetmaskFunc = cidrFunc(
	"Returns the subnet mask of an IPv4 network prefix, in dotted-decimal notation.",
	[]function.Parameter{prefixParam}, nil, cty.String,
	func(args []cty.Value) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		if n.size != 32 {
			return cty.NilVal, uncertain("Terraform versions differ on the netmask of an IPv6 prefix")
		}
		mask := new(big.Int).Lsh(big.NewInt(1), 32)
		mask.Sub(mask, new(big.Int).Lsh(big.NewInt(1), n.hostBits()))
		s, err := formatAddr(mask, 32)
		return cty.StringVal(s), err
	},
)

var cidrsubnetFunc = cidrFunc(
	"Returns the subnet numbered netnum of a network prefix extended by newbits bits.",
	[]function.Parameter{prefixParam, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}}, nil, cty.String,
	func(args []cty.Value) (cty.Value, error) {
		var newbits int
		if err := gocty.FromCtyValue(args[1], &newbits); err != nil {
			return cty.NilVal, fmt.Errorf("invalid newbits: %w", err)
		}
		num, err := wholeNumber(args[2], "netnum")
		if err != nil {
			return cty.NilVal, err
		}
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		switch {
		case newbits < 0 || num.Sign() < 0:
			return cty.NilVal, uncertain("negative newbits or netnum")
		case n.bits+newbits > n.size:
			return cty.NilVal, fmt.Errorf("insufficient address space to extend prefix of %d by %d", n.bits, newbits)
		case newbits >= 64 || num.BitLen() > 64:
			return cty.NilVal, uncertain("newbits or netnum beyond 64 bits, where Terraform's arithmetic overflows")
		case num.BitLen() > newbits:
			return cty.NilVal, fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %s", newbits, num)
		}
		length := n.bits + newbits
		num.Lsh(num, uint(n.size-length))
		s, err := formatAddr(num.Or(num, n.addr), n.size)
		return cty.StringVal(fmt.Sprintf("%s/%d", s, length)), err
	},
)

var cidrsubnetsFunc = cidrFunc(
	"Returns consecutive subnets of a network prefix, one for each number of additional prefix bits.",
	[]function.Parameter{prefixParam}, &function.Parameter{Name: "newbits", Type: cty.Number}, cty.List(cty.String),
	func(args []cty.Value) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}
		if n.addr.Sign() == 0 {
			return cty.NilVal, uncertain("Terraform's allocation starts below the network's first address, which wraps around for an all-zero address")
		}
		lengths := make([]int, len(args)-1)
		for i, arg := range args[1:] {
			var newbits int
			if err := gocty.FromCtyValue(arg, &newbits); err != nil {
				return cty.NilVal, function.NewArgErrorf(i+1, "invalid newbits: %s", err)
			}
			switch {
			case newbits < 1:
				return cty.NilVal, uncertain("newbits below 1")
			case n.bits+newbits > n.size:
				return cty.NilVal, function.NewArgErrorf(i+1, "would extend prefix to %d bits, which is too long for an address of %d bits", n.bits+newbits, n.size)
			case newbits > 32:
				return cty.NilVal, uncertain("newbits above 32")
			}
			lengths[i] = n.bits + newbits
		}
		one := big.NewInt(1)
		blockStart := func(a *big.Int, length int) *big.Int {
			hostBits := uint(n.size - length)
			return new(big.Int).Lsh(new(big.Int).Rsh(a, hostBits), hostBits)
		}
		// Allocation starts from the block, of the first size, just below the network.
		current := ipNet{addr: blockStart(new(big.Int).Sub(n.addr, one), lengths[0]), bits: lengths[0], size: n.size}
		limit := new(big.Int).Lsh(one, uint(n.size))
		out := make([]cty.Value, len(lengths))
		for i, length := range lengths {
			next := blockStart(current.lastAddr(), length)
			next.Add(next, new(big.Int).Lsh(one, uint(n.size-length)))
			if next.Cmp(limit) >= 0 || !n.contains(next) {
				last, _ := formatAddr(current.addr, n.size)
				return cty.NilVal, function.NewArgErrorf(i+1, "not enough remaining address space for a subnet with a prefix of %d bits after %s/%d", length, last, current.bits)
			}
			current = ipNet{addr: next, bits: length, size: n.size}
			s, err := formatAddr(next, n.size)
			if err != nil {
				return cty.NilVal, err
			}
			out[i] = cty.StringVal(fmt.Sprintf("%s/%d", s, length))
		}
		return cty.ListVal(out), nil
	},
)

// cidrcontainsFunc is OpenTofu's cidrcontains. OpenTofu parses with today's strict Go rules, so
// an address that only the lenient reading accepts is unknown.
var cidrcontainsFunc = cidrFunc(
	"Reports whether an IP address or a network prefix lies within a network prefix.",
	[]function.Parameter{{Name: "containing_prefix", Type: cty.String}, {Name: "contained_ip_or_prefix", Type: cty.String}}, nil, cty.Bool,
	func(args []cty.Value) (cty.Value, error) {
		containing, contained := args[0].AsString(), args[1].AsString()
		for _, s := range []string{containing, contained} {
			if _, err := netip.ParsePrefix(s); err == nil {
				continue
			}
			if _, err := netip.ParseAddr(s); err == nil {
				continue
			}
			if _, err := parseLenient(s); err == nil {
				return cty.NilVal, uncertain(fmt.Sprintf("%q is valid only under Terraform's lenient parsing", s))
			}
		}
		n, err := parseCIDR(containing)
		if err != nil {
			return cty.NilVal, err
		}
		var sub ipNet
		if strings.Contains(contained, "/") {
			if sub, err = parseCIDR(contained); err != nil {
				return cty.NilVal, err
			}
		} else {
			a, size, err := parseAddr(contained)
			if err != nil {
				return cty.NilVal, err
			}
			sub = ipNet{addr: a, bits: size, size: size}
		}
		if sub.size != n.size {
			return cty.NilVal, errors.New("the two arguments must belong to the same address family, IPv4 or IPv6")
		}
		return cty.BoolVal(sub.bits >= n.bits && n.contains(sub.addr)), nil
	},
)

// parseLenient reads a prefix or an address with Terraform's lenient rules.
func parseLenient(s string) (ipNet, error) {
	if strings.Contains(s, "/") {
		return parseCIDR(s)
	}
	a, size, err := parseAddr(s)
	return ipNet{addr: a, bits: size, size: size}, err
}
