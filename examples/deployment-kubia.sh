# The seeds' Deployment walkthrough (Kubernetes in Action, ch. 4): a Deployment keeps three kubia
# pods running whatever happens to them, and only cares about the pods its selector matches.
kubectl create -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    matchLabels:
      app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: idealism/kubia
        ports:
        - containerPort: 8080
          protocol: TCP
EOF
sim advance 20s
kubectl get deployments
kubectl get pods
# Delete a pod: a replacement starts while the deleted one is still terminating.
kubectl delete pod kubia-6bc547f8d9-474bv --wait=false
kubectl get pods
sim advance 40s
# An extra label does not matter; changing a selector label takes the pod out of the Deployment.
kubectl label pod kubia-6bc547f8d9-f5xz7 type=special
kubectl get pods
kubectl label pod kubia-6bc547f8d9-f5xz7 app=foo --overwrite
kubectl get pods -L app
sim advance 10s
# A new pod template rolls out through a new ReplicaSet; the old pods terminate.
kubectl set image deployment/kubia kubia=idealism/kubia:v2
sim advance 40s
kubectl get pods
kubectl get rs
# Scale out.
kubectl scale deployment kubia --replicas=10
sim advance 20s
kubectl get deployment kubia
kubectl describe deployment kubia
