package analysis

import (
	"encoding/json"
	"path/filepath"
	"strings"
)

// ProjectFileName is the project file that maps files to their schema,
// entities and template links (docs/LANGUAGE-SERVER.md describes it).
const ProjectFileName = ".cedar-ls.json"

// Association says where a file's schema, entities and links come from.
type Association struct {
	Schema   []string // schema fragment paths, merged as one schema
	Entities []string
	Links    []string
	// Source says which rule chose them, for logs and hover:
	// "associateSchema", "updateSchema", "setting", a project file's path,
	// or "folder".
	Source string
}

// projectFile is the content of a .cedar-ls.json.
type projectFile struct {
	Associations []struct {
		Files    stringList `json:"files"`
		Schema   stringList `json:"schema"`
		Entities stringList `json:"entities"`
		Links    stringList `json:"links"`
	} `json:"associations"`
}

// stringList reads a JSON string or list of strings.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*l = stringList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*l = many
	return nil
}

// AssociationFor decides the schema, entities and links of the file at
// path, first rule that gives a schema wins: an explicit association
// (cedar.associateSchema), schema text pushed by the client
// (cedar/updateSchema), the setting cedar.schemaFile, a .cedar-ls.json at
// or above the file whose globs match it, and (unless
// cedar.autodetectSchemaFile is false) the nearest folder at or above the
// file that holds schema files. Entities and links come from the project
// file, else from the nearest folder at or above holding such files.
func (s *Snapshot) AssociationFor(path string) Association {
	var a Association
	switch {
	case len(s.associations[path]) > 0:
		a = Association{Schema: s.associations[path], Source: "associateSchema"}
	case s.pushed != nil:
		a = Association{Schema: []string{s.pushed.Path}, Source: "updateSchema"}
	case len(s.settings.SchemaFiles) > 0:
		base := s.folderOf(path)
		if base == "" && len(s.folders) > 0 {
			base = s.folders[0]
		}
		if base == "" {
			base = parentDir(path)
		}
		a = Association{Schema: absAll(base, s.settings.SchemaFiles), Source: "setting"}
	}
	if pa, ok := s.projectAssociation(path); ok {
		if len(a.Schema) == 0 {
			a.Schema, a.Source = pa.Schema, pa.Source
		}
		a.Entities, a.Links = pa.Entities, pa.Links
	}
	if kind := s.KindOf(path); kind.IsSchema() && len(a.Schema) == 0 {
		// A schema file belongs to its own folder's schema.
		a.Schema, a.Source = s.schemaFilesIn(parentDir(path)), "folder"
	}
	if len(a.Schema) == 0 && s.settings.AutodetectSchemaFile {
		s.walkUp(path, func(dir string) bool {
			if files := s.schemaFilesIn(dir); len(files) > 0 {
				a.Schema, a.Source = files, "folder"
				return true
			}
			return false
		})
	}
	if len(a.Entities) == 0 {
		s.walkUp(path, func(dir string) bool {
			a.Entities = s.filesOfKind(dir, KindEntities)
			return len(a.Entities) > 0
		})
	}
	if len(a.Links) == 0 {
		s.walkUp(path, func(dir string) bool {
			a.Links = s.filesOfKind(dir, KindLinks)
			return len(a.Links) > 0
		})
	}
	return a
}

// walkUp calls visit on the file's folder and each folder above it, up to
// the workspace folder holding it (or the file system root for files
// outside every workspace folder), until visit returns true.
func (s *Snapshot) walkUp(path string, visit func(dir string) bool) {
	if !filepath.IsAbs(path) {
		return
	}
	top := s.folderOf(path)
	for dir := parentDir(path); ; dir = parentDir(dir) {
		if visit(dir) || dir == top || parentDir(dir) == dir {
			return
		}
	}
}

// projectAssociation finds the nearest .cedar-ls.json at or above the
// file with an entry matching it.
func (s *Snapshot) projectAssociation(path string) (Association, bool) {
	var found Association
	ok := false
	s.walkUp(path, func(dir string) bool {
		pf := s.FileAt(filepath.Join(dir, ProjectFileName))
		if pf == nil {
			return false
		}
		var proj projectFile
		if json.Unmarshal(pf.Text, &proj) != nil {
			return false // reported as a diagnostic when the file is open
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return false
		}
		rel = filepath.ToSlash(rel)
		for _, e := range proj.Associations {
			for _, g := range e.Files {
				if matchGlob(g, rel) {
					found = Association{
						Schema:   absAll(dir, e.Schema),
						Entities: absAll(dir, e.Entities),
						Links:    absAll(dir, e.Links),
						Source:   pf.Path,
					}
					ok = true
					return true
				}
			}
		}
		return false
	})
	return found, ok
}

// schemaFilesIn lists a folder's schema files; a `.cedarschema` wins over
// its `.cedarschema.json` twin.
func (s *Snapshot) schemaFilesIn(dir string) []string {
	names := s.namesIn(dir)
	has := map[string]bool{}
	for _, n := range names {
		has[strings.ToLower(n)] = true
	}
	var out []string
	for _, n := range names {
		switch kindOfName(n) {
		case KindSchema:
			out = append(out, filepath.Join(dir, n))
		case KindSchemaJSON:
			if !has[strings.ToLower(strings.TrimSuffix(n, filepath.Ext(n)))] {
				out = append(out, filepath.Join(dir, n))
			}
		}
	}
	return out
}

func (s *Snapshot) filesOfKind(dir string, kind Kind) []string {
	var out []string
	for _, n := range s.namesIn(dir) {
		p := filepath.Join(dir, n)
		if s.KindOf(p) == kind {
			out = append(out, p)
		}
	}
	return out
}

func absAll(base string, paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if p == "" {
			continue
		}
		if strings.HasPrefix(p, "file:") {
			out = append(out, URIToPath(p))
			continue
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, filepath.FromSlash(p))
		}
		out = append(out, filepath.Clean(p))
	}
	return out
}

// EntitiesFor is the entities files of the file at uri (the project
// file's, else the nearest folder's at or above it), those that exist.
func (s *Snapshot) EntitiesFor(uri string) []*File {
	return s.filesAt(s.AssociationFor(URIToPath(uri)).Entities)
}

// LinksFor is the template-link files of the file at uri, found as
// EntitiesFor finds entities.
func (s *Snapshot) LinksFor(uri string) []*File {
	return s.filesAt(s.AssociationFor(URIToPath(uri)).Links)
}

func (s *Snapshot) filesAt(paths []string) []*File {
	var out []*File
	for _, p := range paths {
		if f := s.FileAt(p); f != nil {
			out = append(out, f)
		}
	}
	return out
}
