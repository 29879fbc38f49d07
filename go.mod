module github.com/cedar-ls/cedar-ls

go 1.26
