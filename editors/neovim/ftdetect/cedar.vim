" Cedar policies and schemas. The JSON kinds (*.cedarentities.json, …) keep
" the filetype json; the plugin recognises them by name.
autocmd BufRead,BufNewFile *.cedar setfiletype cedar
autocmd BufRead,BufNewFile *.cedarschema,cedarschema setfiletype cedarschema
