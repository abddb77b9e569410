module github.com/trustcloud/trustcloud

go 1.26
