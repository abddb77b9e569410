package tffunc

import (
	"math"
	"strings"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// catalog is every built-in function Terraform 1.11 and OpenTofu 1.10 know, without the "core::"
// aliases that Table adds. Terraform's own functions are built on go-cty's stdlib where Terraform
// uses it (std) and written in this package otherwise (own).
var catalog = map[string]entry{
	// Numeric functions.
	"abs":      {build: std(stdlib.AbsoluteFunc)},
	"ceil":     {build: std(stdlib.CeilFunc)},
	"floor":    {build: std(stdlib.FloorFunc)},
	"log":      {build: own(floatFunc(stdlib.LogFunc, func(n, base float64) float64 { return math.Log(n) / math.Log(base) }))},
	"max":      {build: std(stdlib.MaxFunc)},
	"min":      {build: std(stdlib.MinFunc)},
	"parseint": {build: std(stdlib.ParseIntFunc)},
	"pow":      {build: own(floatFunc(stdlib.PowFunc, math.Pow))},
	"signum":   {build: own(signumFunc)},

	// String functions.
	"chomp":       {build: std(stdlib.ChompFunc)},
	"endswith":    {build: own(affixFunc("Reports whether a string ends with the given suffix.", "suffix", strings.HasSuffix))},
	"format":      {build: own(formatFunc)},
	"formatlist":  {build: own(formatlistFunc)},
	"indent":      {build: own(indentFunc)},
	"join":        {build: own(joinFunc)},
	"lower":       {build: std(stdlib.LowerFunc)},
	"regex":       {build: std(stdlib.RegexFunc)},
	"regexall":    {build: std(stdlib.RegexAllFunc)},
	"replace":     {build: own(replaceFunc)},
	"split":       {build: std(stdlib.SplitFunc)},
	"startswith":  {build: own(affixFunc("Reports whether a string starts with the given prefix.", "prefix", strings.HasPrefix))},
	"strcontains": {build: own(affixFunc("Reports whether a string contains the given substring.", "substr", strings.Contains))},
	"strrev":      {build: std(stdlib.ReverseFunc)},
	"substr":      {build: std(stdlib.SubstrFunc)},
	"title":       {build: std(stdlib.TitleFunc)},
	"trim":        {build: std(stdlib.TrimFunc)},
	"trimprefix":  {build: std(stdlib.TrimPrefixFunc)},
	"trimspace":   {build: std(stdlib.TrimSpaceFunc)},
	"trimsuffix":  {build: std(stdlib.TrimSuffixFunc)},
	"upper":       {build: std(stdlib.UpperFunc)},

	// Collection functions.
	"alltrue":         {build: own(allTrueFunc)},
	"anytrue":         {build: own(anyTrueFunc)},
	"chunklist":       {build: std(stdlib.ChunklistFunc)},
	"coalesce":        {build: own(coalesceFunc)},
	"coalescelist":    {build: std(stdlib.CoalesceListFunc)},
	"compact":         {build: std(stdlib.CompactFunc)},
	"concat":          {build: std(stdlib.ConcatFunc)},
	"contains":        {build: own(containsFunc)},
	"distinct":        {build: std(stdlib.DistinctFunc)},
	"element":         {build: own(elementFunc)},
	"flatten":         {build: std(stdlib.FlattenFunc)},
	"index":           {build: own(indexFunc)},
	"keys":            {build: std(stdlib.KeysFunc)},
	"length":          {build: own(lengthFunc)},
	"list":            {build: own(removedFunc("tolist([ ... ])"))},
	"lookup":          {build: own(lookupFunc)},
	"map":             {build: own(removedFunc("tomap({ ... })"))},
	"matchkeys":       {build: own(matchkeysFunc)},
	"merge":           {build: own(mergeFunc)},
	"one":             {build: own(oneFunc)},
	"range":           {build: std(stdlib.RangeFunc)},
	"reverse":         {build: std(stdlib.ReverseListFunc)},
	"setintersection": {build: std(stdlib.SetIntersectionFunc)},
	"setproduct":      {build: own(setproductFunc)},
	"setsubtract":     {build: std(stdlib.SetSubtractFunc)},
	"setunion":        {build: std(stdlib.SetUnionFunc)},
	"slice":           {build: std(stdlib.SliceFunc)},
	"sort":            {build: std(stdlib.SortFunc)},
	"sum":             {build: own(sumFunc)},
	"transpose":       {build: own(transposeFunc)},
	"values":          {build: std(stdlib.ValuesFunc)},
	"zipmap":          {build: std(stdlib.ZipmapFunc)},

	// Encoding functions.
	"base64decode":     {build: own(base64decodeFunc)},
	"base64encode":     {build: own(base64encodeFunc)},
	"base64gunzip":     {build: own(base64gunzipFunc)},
	"base64gzip":       {build: own(base64gzipFunc)},
	"csvdecode":        {build: std(stdlib.CSVDecodeFunc)},
	"jsondecode":       {build: own(jsondecodeFunc)},
	"jsonencode":       {build: std(stdlib.JSONEncodeFunc)},
	"textdecodebase64": {build: own(textEncodingFunc(true))},
	"textencodebase64": {build: own(textEncodingFunc(false))},
	"urldecode":        {build: own(urldecodeFunc)},
	"urlencode":        {build: own(urlencodeFunc)},
	"yamldecode":       {build: own(yamldecodeFunc)},
	"yamlencode":       {build: own(yamlencodeFunc)},

	// Filesystem functions.
	"abspath":    {stub: notImplemented, why: "the result depends on the directory Terraform ran in and on its operating system"},
	"basename":   {build: own(basenameFunc)},
	"dirname":    {build: own(dirnameFunc)},
	"file":       {build: own(fileContentFunc)},
	"filebase64": {build: own(filebase64Func)},
	"fileexists": {build: own(fileexistsFunc)},
	"fileset":    {stub: notImplemented, why: "it lists directories, which Options.ReadFile cannot do"},
	"pathexpand": {build: own(pathexpandFunc)},

	// Date and time functions.
	"formatdate":    {build: std(stdlib.FormatDateFunc)},
	"plantimestamp": {build: own(plantimestampFunc)},
	"timeadd":       {build: std(stdlib.TimeAddFunc)},
	"timecmp":       {build: own(timecmpFunc)},
	"timestamp":     {stub: applyOnly, ret: cty.String},

	// Hash and crypto functions.
	"base64sha256":     {build: own(hashFunc(base64sha256Digest))},
	"base64sha512":     {build: own(hashFunc(base64sha512Digest))},
	"bcrypt":           {stub: applyOnly, ret: cty.String},
	"filebase64sha256": {build: own(fileHashFunc(base64sha256Digest))},
	"filebase64sha512": {build: own(fileHashFunc(base64sha512Digest))},
	"filemd5":          {build: own(fileHashFunc(md5Digest))},
	"filesha1":         {build: own(fileHashFunc(sha1Digest))},
	"filesha256":       {build: own(fileHashFunc(sha256Digest))},
	"filesha512":       {build: own(fileHashFunc(sha512Digest))},
	"md5":              {build: own(hashFunc(md5Digest))},
	"rsadecrypt":       {stub: notImplemented, why: "it decrypts secrets, which a compliance gate has no business doing"},
	"sha1":             {build: own(hashFunc(sha1Digest))},
	"sha256":           {build: own(hashFunc(sha256Digest))},
	"sha512":           {build: own(hashFunc(sha512Digest))},
	"uuid":             {stub: applyOnly, ret: cty.String},
	"uuidv5":           {build: own(uuidv5Func)},

	// IP network functions.
	"cidrcontains": {build: own(cidrcontainsFunc)},
	"cidrhost":     {build: own(cidrhostFunc)},
	"cidrnetmask":  {build: own(cidrnetmaskFunc)},
	"cidrsubnet":   {build: own(cidrsubnetFunc)},
	"cidrsubnets":  {build: own(cidrsubnetsFunc)},

	// Type conversion functions.
	"can":             {build: bare(tryfunc.CanFunc)},
	"ephemeralasnull": {build: own(ephemeralasnullFunc)},
	"issensitive":     {build: own(issensitiveFunc)},
	"nonsensitive":    {build: own(nonsensitiveFunc)},
	"sensitive":       {build: own(sensitiveFunc)},
	"tobool":          {build: std(stdlib.MakeToFunc(cty.Bool))},
	"tolist":          {build: std(stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)))},
	"tomap":           {build: std(stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)))},
	"tonumber":        {build: std(stdlib.MakeToFunc(cty.Number))},
	"toset":           {build: std(stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)))},
	"tostring":        {build: std(stdlib.MakeToFunc(cty.String))},
	"try":             {build: bare(tryfunc.TryFunc)},
	"type":            {stub: consoleOnly},

	// Terraform-specific functions, of the built-in provider "terraform".
	"provider::terraform::decode_tfvars": {build: own(decodeTfvarsFunc)},
	"provider::terraform::encode_expr":   {build: own(encodeExprFunc)},
	"provider::terraform::encode_tfvars": {stub: notImplemented, why: "how Terraform lays out several attributes is not documented"},
}

// The template functions build their templates' function table from catalog, so they join it
// once it exists.
func init() {
	catalog["templatefile"] = entry{build: own(templatefileFunc)}
	catalog["templatestring"] = entry{build: own(templatestringFunc)}
}

// bare uses f as it is: try and can evaluate expressions, not values, so there is nothing to bound.
func bare(f function.Function) func(*env, string) function.Function {
	return func(*env, string) function.Function { return f }
}
