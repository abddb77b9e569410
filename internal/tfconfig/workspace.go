package tfconfig

import (
	"archive/zip"

	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers of Terraform's plan file format (tfplan, protocol
// buffers; planfile.proto in Terraform's sources): the plan's backend
// (13) or state store (29), each with the workspace in field 3. OpenTofu
// keeps the backend at the same number.
const (
	planBackendField    = 13
	planStateStoreField = 29
	backendWorkspace    = 3
)

// planWorkspace reads the workspace the plan was made in from the plan
// file's tfplan entry; "" when it cannot be read.
func planWorkspace(f *zip.File) string {
	if f == nil {
		return ""
	}
	data, err := readZip(f, maxFileSize)
	if err != nil {
		return ""
	}
	for _, field := range []protowire.Number{planBackendField, planStateStoreField} {
		if msg, ok := protoField(data, field); ok {
			if ws, ok := protoField(msg, backendWorkspace); ok && len(ws) > 0 {
				return string(ws)
			}
		}
	}
	return ""
}

// protoField returns the bytes of the last length-delimited field num of
// a protocol buffer message.
func protoField(msg []byte, num protowire.Number) ([]byte, bool) {
	var out []byte
	found := false
	for len(msg) > 0 {
		n, typ, l := protowire.ConsumeTag(msg)
		if l < 0 {
			return nil, false
		}
		msg = msg[l:]
		if typ == protowire.BytesType {
			v, l := protowire.ConsumeBytes(msg)
			if l < 0 {
				return nil, false
			}
			if n == num {
				out, found = v, true
			}
			msg = msg[l:]
			continue
		}
		l = protowire.ConsumeFieldValue(n, typ, msg)
		if l < 0 {
			return nil, false
		}
		msg = msg[l:]
	}
	return out, found
}
