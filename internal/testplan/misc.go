package testplan

import (
	"encoding/base64"
	"fmt"
)

// Resources of providers that create nothing in a cloud.

var randomID = &block{
	typ: "random_id", name: "suffix", prov: "random",
	values: func(c *ictx) obj {
		h := c.r.hex(8)
		return o("b64_std", base64.StdEncoding.EncodeToString([]byte(h[:4])), "b64_url", base64.RawURLEncoding.EncodeToString([]byte(h[:4])),
			"byte_length", 4, "dec", "2871039921", "hex", h, "id", base64.RawURLEncoding.EncodeToString([]byte(h[:4])), "keepers", nil, "prefix", nil)
	},
	computed: []string{"b64_std", "dec", "hex", "id"},
	config: func(c *cctx) obj {
		return o("byte_length", constant(4))
	},
}

var randomPassword = &block{
	typ: "random_password", name: "db", prov: "random", schema: 3,
	values: func(c *ictx) obj {
		return o("bcrypt_hash", "$2a$10$"+c.r.hex(53), "id", "none", "keepers", nil, "length", 24, "lower", true, "min_lower", 0, "min_numeric", 0,
			"min_special", 0, "min_upper", 0, "number", true, "numeric", true, "override_special", "!#%&*()-_=+[]", "result", c.r.hex(24),
			"special", true, "upper", true)
	},
	computed:  []string{"bcrypt_hash", "id", "result"},
	sensitive: []string{"bcrypt_hash", "result"},
	config: func(c *cctx) obj {
		return o("length", constant(24), "override_special", constant("!#%&*()-_=+[]"), "special", constant(true))
	},
	relevant: "result",
}

var nullDeployHook = &block{
	typ: "null_resource", name: "deploy_hook", prov: "null", repeat: counted, min: 0, max: 1,
	values: func(c *ictx) obj {
		return o("id", fmt.Sprint(c.r.intn(1<<62)), "triggers", o("artifact", c.r.hex(40), "service", c.m.svc.name))
	},
	computed: []string{"id"},
	forceNew: "triggers",
	config: func(c *cctx) obj {
		return o("triggers", refs("var.artifact_hash", "var.name"))
	},
	countExpr: refs("var.deploy_hook"),
}
