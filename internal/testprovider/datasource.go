package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// genericDataSource serves a data source of a table: its computed
// attributes come from the table's read function (typically from the
// provider configuration, like aws_region).
type genericDataSource struct {
	spec     *providerSpec
	typeName string
	t        typeSpec
	cfg      *providerConfig
}

var (
	_ datasource.DataSource              = (*genericDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*genericDataSource)(nil)
)

func (d *genericDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.typeName
}

func (d *genericDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dataSourceSchema(d.t)
}

func (d *genericDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	if cfg, ok := req.ProviderData.(*providerConfig); ok {
		d.cfg = cfg
	}
}

func (d *genericDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	config := objectAttrs(req.Config.Raw)
	if d.t.read == nil {
		resp.State.Raw = req.Config.Raw
		return
	}
	values, err := d.t.read(d.cfg, config)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read "+d.typeName, err.Error()+" (the trustcloud test provider computes this data source from the provider configuration).")
		return
	}
	if _, ok := values["id"]; !ok {
		values["id"] = stringVal(d.typeName)
	}
	for k := range values {
		if c, ok := config[k]; ok && !c.IsNull() {
			delete(values, k) // configured arguments win
		}
		if _, ok := config[k]; !ok {
			delete(values, k) // not in this version's schema (aws_region's region before 6.0)
		}
	}
	resp.State.Raw = withAttrs(req.Config.Raw, values)
}
